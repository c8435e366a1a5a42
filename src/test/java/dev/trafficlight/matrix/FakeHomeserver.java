package dev.trafficlight.matrix;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trafficlight.core.Json;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
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
 * membership, one ordered event stream with since-tokens and real long-polling, transaction-id
 * idempotency, media upload and download, and faults on demand (429, 5xx, dropped connections,
 * expired tokens, being down).
 */
public final class FakeHomeserver extends Dispatcher implements AutoCloseable {
  public static final String SERVER_NAME = "fake.test";
  private static final String CLIENT = "/_matrix/client/";

  private final MockWebServer server = new MockWebServer();
  private final Object lock = new Object();
  private final Map<String, String> tokens = new HashMap<>();
  private final Map<String, String> passwords = new HashMap<>();
  private final Map<String, Map<String, String>> rooms = new LinkedHashMap<>();
  private final List<ObjectNode> stream = new ArrayList<>();
  private final Map<String, String> transactions = new HashMap<>();
  private final Map<String, byte[]> media = new HashMap<>();
  private final Map<String, String> mediaTypes = new HashMap<>();
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private final AtomicInteger failures = new AtomicInteger();
  private volatile int failureStatus = 500;
  private final AtomicInteger rateLimits = new AtomicInteger();
  private volatile long retryAfterMillis;
  private final AtomicInteger droppedSendResponses = new AtomicInteger();
  private volatile boolean down;
  private volatile boolean closed;
  private int counter;

  public FakeHomeserver() throws IOException {
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

  /** The token stops working, as when it expires or is logged out. */
  void expire(String token) {
    synchronized (lock) {
      tokens.remove(token);
    }
  }

  /** Every token of this user stops working. */
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
    failureStatus = status;
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
    String path = request.getRequestUrl().encodedPath();
    requests.add(request.getMethod() + " " + path);
    if (down) {
      return new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST);
    }
    if (rateLimits.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      return error(429, "M_LIMIT_EXCEEDED", "too many requests").setBody(Json.object()
          .put("errcode", "M_LIMIT_EXCEEDED").put("error", "too many requests").put("retry_after_ms", retryAfterMillis).toString());
    }
    if (failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
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
      return error(400, "M_UNRECOGNIZED", "unrecognized request");
    }
    List<String> rest = parts.subList(3, parts.size());
    if (method.equals("POST") && rest.equals(List.of("login"))) {
      return login(body(request));
    }
    String user = userOf(request);
    if (user == null) {
      return request.getHeader("Authorization") == null ? error(401, "M_MISSING_TOKEN", "missing token")
          : error(401, "M_UNKNOWN_TOKEN", "unknown token");
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
      if (method.equals("PUT") && what.equals("send") && rest.size() == 5) {
        return send(user, request, roomId, rest.get(3), rest.get(4));
      }
    }
    return error(400, "M_UNRECOGNIZED", "unrecognized request");
  }

  private MockResponse login(JsonNode body) {
    synchronized (lock) {
      String user = "@" + body.path("identifier").path("user").asText() + ":" + SERVER_NAME;
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

  private MockResponse send(String user, RecordedRequest request, String roomId, String type, String txnId) {
    MockResponse response;
    synchronized (lock) {
      if (!membership(roomId, user).equals("join")) {
        return error(403, "M_FORBIDDEN", user + " is not in " + roomId);
      }
      String key = request.getHeader("Authorization") + "\n" + roomId + "\n" + txnId;
      String eventId = transactions.get(key);
      if (eventId == null) {
        eventId = append(roomId, user, type, null, body(request));
        transactions.put(key, eventId);
      }
      response = ok(Json.object().put("event_id", eventId));
    }
    if (droppedSendResponses.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      return new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST);
    }
    return response;
  }

  private MockResponse sync(String user, RecordedRequest request) {
    String since = request.getRequestUrl().queryParameter("since");
    long timeout = Long.parseLong(defaultIfNull(request.getRequestUrl().queryParameter("timeout"), "0"));
    JsonNode filter = Json.parse(defaultIfNull(request.getRequestUrl().queryParameter("filter"), "{}"));
    int from = since == null ? 0 : Integer.parseInt(since.substring(1));
    long deadline = System.currentTimeMillis() + timeout;
    synchronized (lock) {
      while (since != null && !closed && !down && !hasNewsFor(user, from) && System.currentTimeMillis() < deadline) {
        try {
          lock.wait(Math.max(1, deadline - System.currentTimeMillis()));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
      if (down || closed) {
        return new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST);
      }
      return ok(syncBody(user, from, filter));
    }
  }

  private boolean hasNewsFor(String user, int from) {
    for (int i = from; i < stream.size(); i++) {
      ObjectNode event = stream.get(i);
      String membership = membership(event.path("room_id").asText(), user);
      if (membership.equals("join") || user.equals(event.path("state_key").asText(null))) {
        return true;
      }
    }
    return false;
  }

  private ObjectNode syncBody(String user, int from, JsonNode filter) {
    ObjectNode body = Json.object().put("next_batch", "s" + stream.size());
    ObjectNode roomsNode = Json.object();
    Set<String> types = new HashSet<>();
    filter.path("room").path("timeline").path("types").forEach(t -> types.add(t.asText()));
    for (int i = from; i < stream.size(); i++) {
      ObjectNode event = stream.get(i);
      String roomId = event.path("room_id").asText();
      String membership = membership(roomId, user);
      boolean aboutMe = user.equals(event.path("state_key").asText(null));
      String eventMembership = event.path("content").path("membership").asText("");
      if (membership.equals("invite") && aboutMe && eventMembership.equals("invite")) {
        ArrayNode invite = roomsNode.with("invite").with(roomId).with("invite_state").withArray("events");
        invite.add(strip(event));
      } else if (membership.equals("join")) {
        if (types.isEmpty() || types.contains(event.path("type").asText())) {
          roomsNode.with("join").with(roomId).with("timeline").put("limited", false).withArray("events").add(strip(event));
        }
      } else if (aboutMe && (eventMembership.equals("leave") || eventMembership.equals("ban"))) {
        roomsNode.with("leave").with(roomId).with("timeline").withArray("events").add(strip(event));
      }
    }
    if (!roomsNode.isEmpty()) {
      body.set("rooms", roomsNode);
    }
    body.putObject("org.example.unknown_section").put("ignored", true);
    return body;
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
  }

  private String append(String roomId, String sender, String type, String stateKey, JsonNode content) {
    String eventId = "$e" + (stream.size() + 1) + "-" + UUID.randomUUID().toString().substring(0, 8);
    ObjectNode event = Json.object().put("event_id", eventId).put("room_id", roomId).put("sender", sender)
        .put("type", type).put("origin_server_ts", System.currentTimeMillis());
    if (stateKey != null) {
      event.put("state_key", stateKey);
    }
    event.set("content", content);
    stream.add(event);
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
