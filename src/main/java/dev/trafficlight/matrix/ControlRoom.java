package dev.trafficlight.matrix;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trafficlight.core.Json;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One client's control room: who drives it, where the coordinator's own membership began, the
 * client registered there, the action it was told, and which of the coordinator's events carry
 * which action. Guarded by {@link ControlRooms}.
 */
final class ControlRoom {
  /** Event ids remembered against a homeserver delivering an event twice. */
  private static final int SEEN = 256;
  /** Action events remembered for replies; a reply to an older one is stale in any case. */
  private static final int ACTION_EVENTS = 64;

  final String roomId;
  final String driver;
  /** The homeserver's timestamp of the coordinator's join: anything older is history, never acted on. */
  long joinedAt;
  /** Until the first timeline after the join: a cut-short timeline then is only old history. */
  boolean freshJoin;
  String uuid;
  JsonNode registration;
  /** The case the client was in, or last in, when it registered here: a different one means it was cast since. */
  String caseAtRegistration;
  /** The client has been told to exit since it registered. */
  boolean exited;
  /** The action told to the client and not answered yet; null when it is waiting. */
  String actionId;
  /** Action events queued and not yet confirmed by the homeserver. */
  int unconfirmed;
  private final Map<String, Boolean> seen = new Recent<>(SEEN);
  private final Map<String, String> actionEvents = new Recent<>(ACTION_EVENTS);

  ControlRoom(String roomId, String driver, long joinedAt) {
    this.roomId = roomId;
    this.driver = driver;
    this.joinedAt = joinedAt;
  }

  /** True the first time an event id is offered; a second delivery of the same event answers false. */
  boolean firstSight(String eventId) {
    return eventId.isEmpty() || seen.put(eventId, Boolean.TRUE) == null;
  }

  /** The action an event of the coordinator's carries, if it is one. */
  Optional<String> actionOf(String eventId) {
    return Optional.ofNullable(actionEvents.get(eventId));
  }

  void actionSent(String eventId, String sentActionId) {
    actionEvents.put(eventId, sentActionId);
  }

  /** A new client took the room. */
  void registered(String newUuid, JsonNode newRegistration, String caseBefore) {
    uuid = newUuid;
    registration = newRegistration.deepCopy();
    caseAtRegistration = caseBefore;
    exited = false;
    actionId = null;
  }

  ObjectNode toJson() {
    ObjectNode json = Json.object().put("room_id", roomId).put("driver", driver).put("joined_at", joinedAt)
        .put("uuid", uuid).put("case_at_registration", caseAtRegistration).put("exited", exited);
    json.set("registration", registration);
    ObjectNode events = json.putObject("action_events");
    actionEvents.forEach(events::put);
    seen.keySet().forEach(json.putArray("seen")::add);
    return json;
  }

  static ControlRoom fromJson(JsonNode json) {
    ControlRoom room = new ControlRoom(json.path("room_id").asText(), json.path("driver").asText(),
        json.path("joined_at").asLong(0));
    room.uuid = textOrNull(json, "uuid");
    room.registration = json.path("registration").isObject() ? json.get("registration") : null;
    room.caseAtRegistration = textOrNull(json, "case_at_registration");
    room.exited = json.path("exited").asBoolean(false);
    for (Iterator<Map.Entry<String, JsonNode>> it = json.path("action_events").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      room.actionEvents.put(e.getKey(), e.getValue().asText());
    }
    json.path("seen").forEach(id -> room.seen.put(id.asText(), Boolean.TRUE));
    return room;
  }

  private static String textOrNull(JsonNode json, String key) {
    return json.hasNonNull(key) ? json.get(key).asText() : null;
  }

  @Override
  public String toString() {
    return roomId + " (" + Objects.requireNonNullElse(uuid, "no client") + ")";
  }
}
