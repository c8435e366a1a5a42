package dev.trafficlight.homeserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trafficlight.core.Json;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Every room and one ordered stream of events across them: membership with a real server's rules
 * (join needs an invitation, only members send), sends de-duplicated by transaction id per access
 * token, and {@code /sync} long-polls that wake on the next event. One lock guards it all.
 */
final class Rooms {
  static final String MEMBER = "m.room.member";

  private final String serverName;
  private final Map<String, Room> rooms = new LinkedHashMap<>();
  /** Per user, the rooms with any membership event about them, in the order they came. */
  private final Map<String, Set<String>> roomsOf = new HashMap<>();
  /** Transaction ids are kept per access token for good: a repeat, however late, is the same event. */
  private final Map<String, String> transactions = new HashMap<>();
  private long nextPosition;
  private long lastTimestamp;
  private boolean closed;

  Rooms(String serverName) {
    this.serverName = serverName;
  }

  synchronized String create(String creator, String name, List<String> invites) {
    if (rooms.size() >= Limits.ROOMS) throw MatrixError.full("rooms", Limits.ROOMS);
    Room room = new Room("!" + UUID.randomUUID().toString().substring(0, 12) + ":" + serverName);
    rooms.put(room.id, room);
    append(room, creator, "m.room.create", "", Json.object().put("creator", creator).put("room_version", "10"));
    setMembership(room, creator, creator, "join");
    if (name != null) append(room, creator, "m.room.name", "", Json.object().put("name", name));
    for (String invitee : invites) setMembership(room, creator, invitee, "invite");
    return room.id;
  }

  synchronized void invite(String sender, String roomId, String target) {
    Room room = joined(sender, roomId);
    String now = room.membership(target);
    if (now.equals("join") || now.equals("ban")) throw MatrixError.forbidden(target + " is already in the room or banned");
    if (!now.equals("invite")) setMembership(room, sender, target, "invite");
  }

  synchronized void join(String user, String roomId) {
    Room room = existing(roomId);
    String now = room.membership(user);
    if (now.equals("join")) return;
    // every room here is private_chat: joining needs an invitation
    if (!now.equals("invite")) throw MatrixError.forbidden(user + " is not invited to " + roomId);
    setMembership(room, user, user, "join");
  }

  /** Leaves a room, or rejects an invitation. */
  synchronized void leave(String user, String roomId) {
    Room room = existing(roomId);
    String now = room.membership(user);
    if (now.equals("join") || now.equals("invite")) setMembership(room, user, user, "leave");
  }

  synchronized String send(String user, String token, String roomId, String type, String txnId, JsonNode content) {
    if (content.toString().getBytes(StandardCharsets.UTF_8).length + Limits.ENVELOPE_BYTES > Limits.EVENT_BYTES) {
      throw MatrixError.tooLarge("events are at most " + Limits.EVENT_BYTES + " bytes");
    }
    Room room = joined(user, roomId);
    String key = token + "\n" + roomId + "\n" + type + "\n" + txnId;
    String known = transactions.get(key);
    if (known != null) return known;
    String eventId = append(room, user, type, null, content);
    transactions.put(key, eventId);
    return eventId;
  }

  /** The current membership event of everyone the room knows of, as {@code /members} answers. */
  synchronized ArrayNode members(String user, String roomId) {
    Room room = joined(user, roomId);
    ArrayNode chunk = Json.MAPPER.createArrayNode();
    room.membershipEvents().forEach(stored -> chunk.add(withRoom(stored.event(), room.id)));
    return chunk;
  }

  /**
   * What {@code user} has not seen since {@code since} (null: everything, at once), held until
   * there is something the filter lets through or {@code timeoutMillis} has passed.
   */
  synchronized ObjectNode sync(String user, String since, long timeoutMillis, SyncFilter filter) throws InterruptedException {
    long from = since == null ? 0 : position(since);
    long deadline = System.currentTimeMillis() + Math.min(Math.max(0, timeoutMillis), Limits.SYNC_HOLD.toMillis());
    while (true) {
      SyncReply reply = new SyncReply(user, from, since == null, filter);
      for (String roomId : roomsOf.getOrDefault(user, Set.of())) reply.add(rooms.get(roomId));
      long left = deadline - System.currentTimeMillis();
      if (since == null || reply.hasNews() || left <= 0 || closed) return reply.finish("s" + nextPosition);
      wait(left);
    }
  }

  /** Wakes every held sync, which then answers at once. */
  synchronized void close() {
    closed = true;
    notifyAll();
  }

  private long position(String since) {
    try {
      // a token from before this server started (it keeps nothing) counts as "now"
      return Math.min(Long.parseLong(since.substring(1)), nextPosition);
    } catch (RuntimeException e) {
      throw MatrixError.badRequest("M_INVALID_PARAM", "unknown since token '" + since + "'");
    }
  }

  private Room existing(String roomId) {
    Room room = rooms.get(roomId);
    if (room == null) throw MatrixError.notFound("no room " + roomId);
    return room;
  }

  private Room joined(String user, String roomId) {
    Room room = rooms.get(roomId);
    if (room == null || !room.membership(user).equals("join")) throw MatrixError.forbidden(user + " is not in room " + roomId);
    return room;
  }

  private void setMembership(Room room, String sender, String target, String membership) {
    append(room, sender, MEMBER, target, Json.object().put("membership", membership));
    roomsOf.computeIfAbsent(target, u -> new LinkedHashSet<>()).add(room.id);
  }

  private String append(Room room, String sender, String type, String stateKey, JsonNode content) {
    if (nextPosition >= Limits.EVENTS) throw MatrixError.full("events", Limits.EVENTS);
    String eventId = "$" + (nextPosition + 1) + "_" + UUID.randomUUID().toString().substring(0, 8);
    // each event a millisecond after the last at least: clients compare timestamps ("after my join")
    lastTimestamp = Math.max(System.currentTimeMillis(), lastTimestamp + 1);
    ObjectNode event = Json.object().put("event_id", eventId).put("type", type).put("sender", sender)
        .put("origin_server_ts", lastTimestamp);
    if (stateKey != null) event.put("state_key", stateKey);
    event.set("content", content.deepCopy());
    room.add(new Room.Stored(nextPosition++, event));
    notifyAll();
    return eventId;
  }

  private static ObjectNode withRoom(ObjectNode event, String roomId) {
    return event.deepCopy().put("room_id", roomId);
  }
}
