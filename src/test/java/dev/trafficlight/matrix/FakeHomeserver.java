package dev.trafficlight.matrix;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trafficlight.core.Json;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import okio.Buffer;

/**
 * A small homeserver for tests, on a real loopback socket: accounts and tokens, rooms and
 * membership, one ordered event stream with since-tokens and real long-polling, media, and
 * faults on demand (429, 5xx, dropped connections, revoked tokens, being down, slow confirms).
 * It copies the habits of a real one (Synapse) that a client must cope with; each is named
 * where it is modelled. Optionally every request costs time, as on a real server.
 */
public final class FakeHomeserver extends Dispatcher implements AutoCloseable {
  public static final String SERVER_NAME = "fake.test";
  private static final String CLIENT = "/_matrix/client/";
  /** Synapse refuses events larger than this, envelope included (M_TOO_LARGE). */
  static final int MAX_EVENT_BYTES = 65_536;
  private static final int ENVELOPE_BYTES = 400;

  private final MockWebServer server = new MockWebServer();
  private final Object lock = new Object();
  private final Duration requestLatency;
  private final Duration persistDelay;
  private final Map<String, String> tokens = new HashMap<>();
  private final Map<String, String> passwords = new HashMap<>();
  private final Map<String, Map<String, String>> rooms = new LinkedHashMap<>();
  private final List<ObjectNode> stream = new ArrayList<>();
  private final Map<String, String> transactions = new HashMap<>();
  /** Per room and user, the stream indices of the latest membership event about the user and the one before. */
  private final Map<String, List<Integer>> memberIndex = new HashMap<>();
  private final Map<String, byte[]> media = new HashMap<>();
  private final Map<String, String> mediaTypes = new HashMap<>();
  /** Per user, events to deliver once more in its next sync. */
  private final Map<String, List<ObjectNode>> redeliveries = new HashMap<>();
  /** Events to deliver twice to every member, and who has had the second delivery already. */
  private final Set<String> deliverTwice = new HashSet<>();
  private final Set<String> deliveredTwice = new HashSet<>();
  private final AtomicInteger twiceNext = new AtomicInteger();
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private final AtomicInteger failures = new AtomicInteger();
  private volatile int failureStatus = 500;
  private volatile String failurePrefix = "";
  private final AtomicInteger rateLimits = new AtomicInteger();
  private volatile long retryAfterMillis;
  private final AtomicInteger droppedSendResponses = new AtomicInteger();
  private volatile Duration sendConfirmDelay = Duration.ZERO;
  private volatile int failingSendStatus;
  private final AtomicInteger failedSends = new AtomicInteger();
  private volatile boolean down;
  private volatile boolean closed;
  private int counter;

  /** A homeserver that answers as fast as it can. */
  public FakeHomeserver() throws IOException {
    this(Duration.ZERO, Duration.ZERO);
  }

  /**
   * A homeserver where every response takes {@code requestLatency} and a sent event becomes
   * visible only after {@code persistDelay}, as a real server persists it first (a Synapse on
   * disk waits for fsync on each send).
   */
  public FakeHomeserver(Duration requestLatency, Duration persistDelay) throws IOException {
    this.requestLatency = requestLatency;
    this.persistDelay = persistDelay;
    server.setDispatcher(this);
    server.setServerSocketFactory(new NoDelayServerSockets());
    server.start(java.net.InetAddress.getLoopbackAddress(), 0);
  }

  public String baseUrl() {
    String url = server.url("/").toString();
    return url.substring(0, url.length() - 1);
  }

  /** Creates an account and answers an access token for it. */
  public String register(String localpart, String password) {
    synchronized (lock) {
      String user = "@" + localpart + ":" + SERVER_NAME;
      passwords.put(user, password);
      return newToken(user);
    }
  }

  public String userOf(String token) {
    synchronized (lock) {
      return tokens.get(token);
    }
  }

  /** The token stops working, as when it expires or is logged out: 401 {@code M_UNKNOWN_TOKEN}. */
  void expire(String token) {
    synchronized (lock) {
      tokens.remove(token);
    }
  }

  /** Every token of this user is revoked, as an admin does. */
  void expireAll(String user) {
    synchronized (lock) {
      tokens.values().removeIf(user::equals);
    }
  }

  /** Every request fails with a dropped connection until {@code down(false)}; held syncs are cut. */
  void down(boolean isDown) {
    down = isDown;
    synchronized (lock) {
      lock.notifyAll();
    }
  }

  void failNext(int count, int status) {
    failNext(count, status, "");
  }

  /** The next {@code count} requests starting with {@code methodAndPath} (e.g. {@code "GET /_matrix/media"}) fail. */
  void failNext(int count, int status, String methodAndPath) {
    failureStatus = status;
    failurePrefix = methodAndPath;
    failures.set(count);
  }

  void rateLimitNext(int count, long retryAfter) {
    retryAfterMillis = retryAfter;
    rateLimits.set(count);
  }

  /** The next sends are stored, but their responses are lost on the way back. */
  void dropNextSendResponses(int count) {
    droppedSendResponses.set(count);
  }

  /**
   * Sends are stored and shown to the room at once, but confirmed to the sender only after
   * {@code delay}: as on a busy Synapse, where the other members' syncs are woken as soon as
   * the event is persisted and the sender's response can come later.
   */
  void confirmSendsAfter(Duration delay) {
    sendConfirmDelay = delay;
  }

  /**
   * Sends fail with {@code status} (0: they work again) while syncs go on, as when a Synapse's
   * event persister is failing but its sync workers are not.
   */
  void failSends(int status) {
    failingSendStatus = status;
  }

  /** Sends refused since the homeserver started. */
  int failedSends() {
    return failedSends.get();
  }

  /**
   * The next {@code count} events are delivered twice to everyone in the room, once as usual and
   * once more in the following sync: Synapse does this for events around a join.
   */
  void deliverNextEventsTwice(int count) {
    twiceNext.set(count);
  }

  /** {@code by} kicks {@code target} out of a room, as a room admin does. */
  void kick(String roomId, String by, String target) {
    synchronized (lock) {
      setMembership(by, roomId, target, "leave");
    }
  }

  /** Every request so far as {@code METHOD path}. */
  List<String> requests() {
    return List.copyOf(requests);
  }

  /** The events of a room in order. */
  List<JsonNode> events(String roomId) {
    synchronized (lock) {
      return stream.stream().filter(e -> roomId.equals(e.path("room_id").asText())).map(e -> (JsonNode) e.deepCopy()).toList();
    }
  }

  public String membership(String roomId, String user) {
    synchronized (lock) {
      return rooms.getOrDefault(roomId, Map.of()).getOrDefault(user, "leave");
    }
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    MockResponse response = answer(request);
    pause(requestLatency);
    return response;
  }

  private MockResponse answer(RecordedRequest request) {
    String path = request.getRequestUrl().encodedPath();
    String call = request.getMethod() + " " + path;
    requests.add(call);
    if (down) {
      return new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST);
    }
    if (rateLimits.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      return error(429, "M_LIMIT_EXCEEDED", "too many requests").setBody(Json.object()
          .put("errcode", "M_LIMIT_EXCEEDED").put("error", "too many requests").put("retry_after_ms", retryAfterMillis).toString());
    }
    if (call.startsWith(failurePrefix) && failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      return error(failureStatus, "M_UNKNOWN", "injected failure");
    }
    try {
      return route(request, path);
    } catch (RuntimeException e) {
      return error(500, "M_UNKNOWN", e.toString());
    }
  }

  private MockResponse route(RecordedRequest request, String path) {
    String method = request.getMethod();
    List<String> parts = segments(path);
    if (path.startsWith("/_matrix/media/v3/")) {
      return mediaCall(request, method, parts);
    }
    if (!path.startsWith(CLIENT) || parts.size() < 4) {
      // Synapse answers an unknown endpoint with 400 M_UNRECOGNIZED, not 404
      return error(400, "M_UNRECOGNIZED", "unrecognized request");
    }
    List<String> rest = parts.subList(3, parts.size());
    if (method.equals("POST") && rest.equals(List.of("login"))) {
      return login(body(request));
    }
    String user = userOf(request);
    if (user == null) {
      return request.getHeader("Authorization") == null ? error(401, "M_MISSING_TOKEN", "missing token")
          : error(401, "M_UNKNOWN_TOKEN", "unknown token").setBody(Json.object().put("errcode", "M_UNKNOWN_TOKEN")
              .put("error", "Invalid access token passed.").put("soft_logout", false).toString());
    }
    if (method.equals("GET") && rest.equals(List.of("account", "whoami"))) {
      return ok(Json.object().put("user_id", user));
    }
    if (method.equals("GET") && rest.equals(List.of("sync"))) {
      return sync(user, request);
    }
    if (method.equals("POST") && rest.equals(List.of("createRoom"))) {
      return createRoom(user, body(request));
    }
    if (method.equals("POST") && rest.size() == 2 && rest.get(0).equals("join")) {
      return join(user, rest.get(1));
    }
    if (rest.size() >= 3 && rest.get(0).equals("rooms")) {
      String roomId = rest.get(1);
      String what = rest.get(2);
      if (method.equals("POST") && what.equals("join")) {
        return join(user, roomId);
      }
      if (method.equals("POST") && what.equals("leave")) {
        return membershipChange(user, roomId, user, "leave");
      }
      if (method.equals("POST") && what.equals("invite")) {
        return membershipChange(user, roomId, body(request).path("user_id").asText(), "invite");
      }
      if (method.equals("GET") && what.equals("members")) {
        return members(user, roomId);
      }
      if (method.equals("PUT") && what.equals("send") && rest.size() == 5) {
        return send(user, request, roomId, rest.get(3), rest.get(4));
      }
    }
    return error(400, "M_UNRECOGNIZED", "unrecognized request");
  }

  private MockResponse login(JsonNode body) {
    synchronized (lock) {
      // Synapse lower-cases user names
      String user = "@" + body.path("identifier").path("user").asText().toLowerCase(java.util.Locale.ROOT) + ":" + SERVER_NAME;
      if (!body.path("password").asText().equals(passwords.get(user))) {
        return error(403, "M_FORBIDDEN", "invalid password");
      }
      return ok(Json.object().put("user_id", user).put("access_token", newToken(user)));
    }
  }

  private MockResponse createRoom(String user, JsonNode body) {
    synchronized (lock) {
      String roomId = "!r" + (++counter) + ":" + SERVER_NAME;
      rooms.put(roomId, new LinkedHashMap<>());
      setMembership(user, roomId, user, "join");
      for (JsonNode invitee : body.path("invite")) {
        setMembership(user, roomId, invitee.asText(), "invite");
      }
      return ok(Json.object().put("room_id", roomId));
    }
  }

  private MockResponse join(String user, String roomId) {
    synchronized (lock) {
      String now = membership(roomId, user);
      if (!now.equals("invite") && !now.equals("join")) {
        return error(403, "M_FORBIDDEN", user + " is not invited to " + roomId);
      }
      if (now.equals("invite")) {
        setMembership(user, roomId, user, "join");
      }
      return ok(Json.object().put("room_id", roomId));
    }
  }

  private MockResponse membershipChange(String sender, String roomId, String target, String membership) {
    synchronized (lock) {
      if (!rooms.containsKey(roomId)) {
        return error(404, "M_NOT_FOUND", "no room " + roomId);
      }
      if (membership.equals("invite") && !membership(roomId, sender).equals("join")) {
        return error(403, "M_FORBIDDEN", sender + " is not in " + roomId);
      }
      setMembership(sender, roomId, target, membership);
      return ok(Json.object());
    }
  }

  /** The current membership event of each member, whole, as {@code /members} answers. */
  private MockResponse members(String user, String roomId) {
    synchronized (lock) {
      if (!membership(roomId, user).equals("join")) {
        return error(403, "M_FORBIDDEN", user + " is not in " + roomId);
      }
      Map<String, ObjectNode> latest = new LinkedHashMap<>();
      for (ObjectNode event : stream) {
        if (roomId.equals(event.path("room_id").asText()) && event.path("type").asText().equals("m.room.member")) {
          latest.put(event.path("state_key").asText(), event);
        }
      }
      ObjectNode body = Json.object();
      ArrayNode chunk = body.putArray("chunk");
      latest.values().forEach(e -> chunk.add(e.deepCopy()));
      return ok(body);
    }
  }

  private MockResponse send(String user, RecordedRequest request, String roomId, String type, String txnId) {
    JsonNode content = body(request);
    if (content.toString().getBytes(StandardCharsets.UTF_8).length + ENVELOPE_BYTES > MAX_EVENT_BYTES) {
      return error(413, "M_TOO_LARGE", "event too large");
    }
    int failing = failingSendStatus;
    if (failing != 0) {
      failedSends.incrementAndGet();
      return error(failing, "M_UNKNOWN", "the event could not be stored");
    }
    // transaction ids are remembered per access token, for good: a repeat, however late, is the same event
    String key = request.getHeader("Authorization") + "\n" + request.getRequestUrl().encodedPath();
    synchronized (lock) {
      if (!membership(roomId, user).equals("join")) {
        return error(403, "M_FORBIDDEN", user + " is not in " + roomId);
      }
      String known = transactions.get(key);
      if (known != null) {
        return ok(Json.object().put("event_id", known));
      }
    }
    pause(persistDelay);
    String eventId;
    synchronized (lock) {
      eventId = transactions.get(key);
      if (eventId == null) {
        eventId = append(roomId, user, type, null, content);
        transactions.put(key, eventId);
      }
    }
    pause(sendConfirmDelay);
    if (droppedSendResponses.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      return new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST);
    }
    return ok(Json.object().put("event_id", eventId));
  }

  private MockResponse sync(String user, RecordedRequest request) {
    String since = request.getRequestUrl().queryParameter("since");
    long timeout = Long.parseLong(defaultIfNull(request.getRequestUrl().queryParameter("timeout"), "0"));
    SyncFilter filter = new SyncFilter(Json.parse(defaultIfNull(request.getRequestUrl().queryParameter("filter"), "{}")));
    int from = since == null ? 0 : Integer.parseInt(since.substring(1));
    long deadline = System.currentTimeMillis() + timeout;
    synchronized (lock) {
      while (true) {
        if (down || closed) {
          return new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST);
        }
        SyncResult result = syncBody(user, from, since == null, filter);
        // like Synapse, a long-poll returns only once there is something the filter lets through
        if (since == null || result.news || System.currentTimeMillis() >= deadline) {
          result.commit();
          return ok(result.body);
        }
        try {
          lock.wait(Math.max(1, deadline - System.currentTimeMillis()));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST);
        }
      }
    }
  }

  /** What one sync answers, and what it changes once it is sent. */
  private final class SyncResult {
    final ObjectNode body;
    boolean news;
    final List<ObjectNode> redelivered = new ArrayList<>();
    final List<ObjectNode> toRedeliver = new ArrayList<>();
    final String user;

    SyncResult(String user, ObjectNode body) {
      this.user = user;
      this.body = body;
    }

    void commit() {
      List<ObjectNode> pending = redeliveries.computeIfAbsent(user, u -> new ArrayList<>());
      pending.removeAll(redelivered);
      for (ObjectNode event : toRedeliver) {
        if (deliveredTwice.add(user + "\n" + event.path("event_id").asText())) {
          pending.add(event);
        }
      }
    }
  }

  private SyncResult syncBody(String user, int from, boolean initial, SyncFilter filter) {
    ObjectNode body = Json.object().put("next_batch", "s" + stream.size());
    SyncResult result = new SyncResult(user, body);
    ObjectNode roomsNode = Json.object();
    for (Map.Entry<String, Map<String, String>> room : rooms.entrySet()) {
      String roomId = room.getKey();
      String membership = room.getValue().getOrDefault(user, "leave");
      int lastAboutMe = lastMembershipEvent(roomId, user);
      if (membership.equals("invite") && (initial || lastAboutMe >= from)) {
        roomsNode.with("invite").with(roomId).with("invite_state").withArray("events").add(strip(stream.get(lastAboutMe)));
      } else if (membership.equals("join")) {
        joinedRoom(result, roomsNode, roomId, user, lastAboutMe >= from, from, filter);
      } else if (!initial && lastAboutMe >= from && lastAboutMe >= 0) {
        roomsNode.with("leave").with(roomId).with("timeline").withArray("events").add(strip(stream.get(lastAboutMe)));
      }
    }
    if (!roomsNode.isEmpty()) {
      body.set("rooms", roomsNode);
      result.news = true;
    }
    // servers add sections a client does not know: it must read leniently
    body.putObject("org.example.unknown_section").put("ignored", true);
    return result;
  }

  private void joinedRoom(SyncResult result, ObjectNode roomsNode, String roomId, String user, boolean newlyJoined,
      int from, SyncFilter filter) {
    List<ObjectNode> events = new ArrayList<>();
    for (ObjectNode pending : redeliveries.getOrDefault(user, List.of())) {
      if (roomId.equals(pending.path("room_id").asText()) && filter.accepts(pending, user)) {
        events.add(pending);
        result.redelivered.add(pending);
      }
    }
    // history is shared: a member who has just joined (again) sees the room's whole timeline, its own old events too
    int start = newlyJoined ? 0 : from;
    int joinedAt = lastMembershipEvent(roomId, user);
    int invitedAt = newlyJoined ? previousMembershipEvent(roomId, user) : -1;
    for (int i = start; i < stream.size(); i++) {
      ObjectNode event = stream.get(i);
      if (!roomId.equals(event.path("room_id").asText()) || !filter.accepts(event, user)) {
        continue;
      }
      events.add(event);
      boolean betweenInviteAndJoin = newlyJoined && invitedAt >= 0 && i > invitedAt && i < joinedAt;
      if (betweenInviteAndJoin || (i >= from && deliverTwice.contains(event.path("event_id").asText()))) {
        result.toRedeliver.add(event);
      }
    }
    boolean limited = events.size() > filter.limit;
    if (limited) {
      events = events.subList(events.size() - filter.limit, events.size());
    }
    if (events.isEmpty() && !limited) {
      return;
    }
    ObjectNode timeline = roomsNode.with("join").with(roomId).with("timeline").put("limited", limited);
    ArrayNode list = timeline.withArray("events");
    events.forEach(e -> list.add(strip(e)));
  }

  /** Index of the latest membership event about {@code user} in a room, or -1. */
  private int lastMembershipEvent(String roomId, String user) {
    return memberIndex.getOrDefault(roomId + "\n" + user, List.of(-1)).get(0);
  }

  /** Index of the membership event about {@code user} before the latest one (the invitation before a join), or -1. */
  private int previousMembershipEvent(String roomId, String user) {
    List<Integer> indices = memberIndex.getOrDefault(roomId + "\n" + user, List.of(-1));
    return indices.size() > 1 ? indices.get(1) : -1;
  }

  /** The parts of a sync filter the fake honours: timeline types, senders to leave out, and the limit. */
  private static final class SyncFilter {
    final Set<String> types = new HashSet<>();
    final Set<String> notSenders = new HashSet<>();
    final int limit;

    SyncFilter(JsonNode filter) {
      JsonNode timeline = filter.path("room").path("timeline");
      timeline.path("types").forEach(t -> types.add(t.asText()));
      timeline.path("not_senders").forEach(s -> notSenders.add(s.asText()));
      limit = timeline.path("limit").asInt(10);
    }

    /** Without {@code not_senders} a user's own events come back in its own sync, as on a real server. */
    boolean accepts(ObjectNode event, String user) {
      return (types.isEmpty() || types.contains(event.path("type").asText()))
          && !notSenders.contains(event.path("sender").asText());
    }
  }

  private MockResponse mediaCall(RecordedRequest request, String method, List<String> parts) {
    if (userOf(request) == null) {
      return error(401, "M_UNKNOWN_TOKEN", "unknown token");
    }
    synchronized (lock) {
      if (method.equals("POST") && parts.size() == 4 && parts.get(3).equals("upload")) {
        String id = "m" + (++counter);
        media.put(id, request.getBody().readByteArray());
        mediaTypes.put(id, defaultIfNull(request.getHeader("Content-Type"), "application/octet-stream"));
        return ok(Json.object().put("content_uri", "mxc://" + SERVER_NAME + "/" + id));
      }
      if (method.equals("GET") && parts.size() == 6 && parts.get(3).equals("download")) {
        byte[] bytes = parts.get(4).equals(SERVER_NAME) ? media.get(parts.get(5)) : null;
        if (bytes == null) {
          return error(404, "M_NOT_FOUND", "no such media");
        }
        return new MockResponse().setHeader("Content-Type", mediaTypes.get(parts.get(5))).setBody(new Buffer().write(bytes));
      }
    }
    return error(400, "M_UNRECOGNIZED", "unrecognized request");
  }

  private void setMembership(String sender, String roomId, String target, String membership) {
    rooms.get(roomId).put(target, membership);
    append(roomId, sender, "m.room.member", target, Json.object().put("membership", membership));
    List<Integer> indices = memberIndex.computeIfAbsent(roomId + "\n" + target, k -> new ArrayList<>());
    indices.add(0, stream.size() - 1);
    if (indices.size() > 2) {
      indices.remove(2);
    }
  }

  private long lastTimestamp;

  private String append(String roomId, String sender, String type, String stateKey, JsonNode content) {
    String eventId = "$e" + (stream.size() + 1) + "-" + UUID.randomUUID().toString().substring(0, 8);
    // a real server stamps events with its clock; here each event is a millisecond after the last at
    // least, so that "before the join" is never a matter of two events sharing a millisecond
    lastTimestamp = Math.max(System.currentTimeMillis(), lastTimestamp + 1);
    ObjectNode event = Json.object().put("event_id", eventId).put("room_id", roomId).put("sender", sender)
        .put("type", type).put("origin_server_ts", lastTimestamp);
    if (stateKey != null) {
      event.put("state_key", stateKey);
    }
    event.set("content", content);
    stream.add(event);
    if (twiceNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      deliverTwice.add(eventId);
    }
    lock.notifyAll();
    return eventId;
  }

  private static ObjectNode strip(ObjectNode event) {
    ObjectNode copy = event.deepCopy();
    copy.remove("room_id");
    return copy;
  }

  private String newToken(String user) {
    String token = "tok_" + UUID.randomUUID();
    tokens.put(token, user);
    return token;
  }

  private String userOf(RecordedRequest request) {
    String header = request.getHeader("Authorization");
    if (header == null || !header.startsWith("Bearer ")) {
      return null;
    }
    synchronized (lock) {
      return tokens.get(header.substring(7));
    }
  }

  private static List<String> segments(String path) {
    List<String> parts = new ArrayList<>();
    for (String part : path.substring(1).split("/")) {
      parts.add(URLDecoder.decode(part, StandardCharsets.UTF_8));
    }
    return parts;
  }

  private static JsonNode body(RecordedRequest request) {
    String text = request.getBody().readUtf8();
    return text.isBlank() ? Json.object() : Json.parse(text);
  }

  private static String defaultIfNull(String value, String fallback) {
    return value == null ? fallback : value;
  }

  private static void pause(Duration delay) {
    if (delay.isZero()) {
      return;
    }
    try {
      Thread.sleep(delay.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static MockResponse ok(JsonNode body) {
    return new MockResponse().setHeader("Content-Type", "application/json").setBody(body.toString());
  }

  private static MockResponse error(int status, String errcode, String message) {
    return new MockResponse().setResponseCode(status).setHeader("Content-Type", "application/json")
        .setBody(Json.object().put("errcode", errcode).put("error", message).toString());
  }

  /** Replies go out at once: without TCP_NODELAY each small response waits ~40 ms for a delayed ACK. */
  private static final class NoDelayServerSockets extends javax.net.ServerSocketFactory {
    @Override
    public java.net.ServerSocket createServerSocket() throws IOException {
      return new java.net.ServerSocket() {
        @Override
        public java.net.Socket accept() throws IOException {
          java.net.Socket socket = super.accept();
          socket.setTcpNoDelay(true);
          return socket;
        }
      };
    }

    @Override
    public java.net.ServerSocket createServerSocket(int port) throws IOException {
      throw new UnsupportedOperationException();
    }

    @Override
    public java.net.ServerSocket createServerSocket(int port, int backlog) throws IOException {
      throw new UnsupportedOperationException();
    }

    @Override
    public java.net.ServerSocket createServerSocket(int port, int backlog, java.net.InetAddress address) throws IOException {
      throw new UnsupportedOperationException();
    }
  }

  @Override
  public void close() throws IOException {
    closed = true;
    synchronized (lock) {
      lock.notifyAll();
    }
    server.shutdown();
  }
}
