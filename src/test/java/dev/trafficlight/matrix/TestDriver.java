package dev.trafficlight.matrix;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trafficlight.core.Json;
import dev.trafficlight.matrix.api.MatrixApi;
import dev.trafficlight.matrix.model.EventNames;
import dev.trafficlight.matrix.model.RoomEvent;
import dev.trafficlight.matrix.model.SyncBatch;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import okhttp3.OkHttpClient;

/**
 * A client driver on the other side of a control room, written from transports/matrix.md: a
 * program that reads the structured fields of actions and answers with structured replies, or a
 * person who reads the {@code ▶} messages and types plain-text replies. It waits for the
 * coordinator's join before registering, learns its client id from the "registered" notice, and
 * stops only on an exit that names that id.
 */
final class TestDriver implements AutoCloseable {
  enum Style { PROGRAM, PERSON }

  /** An action as the driver saw it; {@code uuid} is the client it names, when it names one. */
  record Seen(String eventId, String actionId, String action, JsonNode data, String uuid) {}

  static final EventNames NAMES = EventNames.defaults();
  static final String RECEIPT = "dev.trafficlight.receipt";
  private static final OkHttpClient HTTP = new OkHttpClient.Builder().readTimeout(Duration.ofSeconds(20)).build();

  final MatrixApi api;
  private final String coordinator;
  private final Style style;
  /** What to reply to an action: an answer word, {@code fail: ...}, {@code error: ...}, or null for no reply. */
  private volatile Function<Seen, String> responder = seen -> "done";
  final List<Seen> actions = new CopyOnWriteArrayList<>();
  final List<RoomEvent> fromCoordinator = new CopyOnWriteArrayList<>();
  /** Every exit addressed to this driver's client, in order. */
  final List<Seen> exits = new CopyOnWriteArrayList<>();
  private volatile CountDownLatch exited = new CountDownLatch(1);
  /** The client id the coordinator confirmed in its "registered" notice. */
  volatile String uuid;
  private final CountDownLatch joined = new CountDownLatch(1);
  private final AtomicInteger txn = new AtomicInteger();
  private volatile String exitReason;
  private volatile boolean closed;
  String roomId;
  private Thread thread;

  TestDriver(FakeHomeserver hs, String localpart, String coordinator, Style style) {
    String token = hs.register(localpart, "secret");
    this.api = new MatrixApi(HTTP, hs.baseUrl(), hs.userOf(token), token);
    this.coordinator = coordinator;
    this.style = style;
  }

  TestDriver answering(Function<Seen, String> how) {
    this.responder = how;
    return this;
  }

  /** Creates the control room, invites the coordinator, waits for it to join, and starts reading. */
  TestDriver open() throws Exception {
    return open(0);
  }

  /** Starts reading a room the test made and invited the coordinator to; waits for the coordinator's join. */
  TestDriver open(String existingRoom) throws Exception {
    roomId = existingRoom;
    thread = new Thread(this::loop, "driver-" + api.userId());
    thread.setDaemon(true);
    thread.start();
    if (!joined.await(10, TimeUnit.SECONDS)) {
      throw new AssertionError(coordinator + " did not join " + roomId);
    }
    return this;
  }

  /** As {@link #open()}, with {@code chatter} messages in the room before the coordinator is invited. */
  TestDriver open(int chatter) throws Exception {
    roomId = api.createRoom("control", chatter == 0 ? List.of(coordinator) : List.of());
    thread = new Thread(this::loop, "driver-" + api.userId());
    thread.setDaemon(true);
    thread.start();
    for (int i = 0; i < chatter; i++) {
      sendRetrying(EventNames.MESSAGE, text("before the coordinator came: " + i, null));
    }
    if (chatter > 0) {
      api.invite(roomId, coordinator);
    }
    if (!joined.await(10, TimeUnit.SECONDS)) {
      throw new AssertionError(coordinator + " did not join " + roomId);
    }
    return this;
  }

  /** Registers as a client of this type, the way this style of driver does. */
  TestDriver register(String type) throws IOException {
    return register(type, null);
  }

  /** Registers under a client id of the driver's choosing (null: the coordinator derives one). */
  TestDriver register(String type, String clientId) throws IOException {
    ObjectNode registration = Json.object().put("type", type).put("version", "1.0");
    if (clientId != null) {
      registration.put("uuid", clientId);
    }
    exited = new CountDownLatch(1);
    if (style == Style.PROGRAM) {
      api.send(roomId, NAMES.registerType(), nextTxn(), registration);
    } else {
      api.send(roomId, EventNames.MESSAGE, nextTxn(), text("register " + registration, null));
    }
    return this;
  }

  /** Sends a registration object as it is, the way programs do. */
  TestDriver register(ObjectNode registration) throws IOException {
    exited = new CountDownLatch(1);
    api.send(roomId, NAMES.registerType(), nextTxn(), registration);
    return this;
  }

  String awaitExit(Duration timeout) throws InterruptedException {
    if (!exited.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError(api.userId() + " got no exit; actions seen: " + actionNames() + "; notices: " + notices());
    }
    return exitReason;
  }

  /** Waits until the coordinator has confirmed the registration. */
  TestDriver awaitRegistered() throws InterruptedException {
    MatrixHarness.await(() -> uuid != null, Duration.ofSeconds(10), () -> api.userId() + " not registered: " + notices());
    return this;
  }

  List<String> actionNames() {
    return actions.stream().map(Seen::action).toList();
  }

  /** The coordinator's notices, as text. */
  List<String> notices() {
    return fromCoordinator.stream().filter(e -> e.content().path("msgtype").asText().equals("m.notice"))
        .map(e -> e.content().path("body").asText()).toList();
  }

  /** The coordinator's notices as programs read them: the receipts. */
  List<JsonNode> receipts() {
    return fromCoordinator.stream().filter(e -> e.content().has(RECEIPT)).map(e -> e.content().get(RECEIPT)).toList();
  }

  /** Replies to an event the way this driver's style does. */
  String reply(String eventId, String words) throws IOException {
    return reply(eventId, null, words);
  }

  /** A structured answer naming an action by its id, with or without a reply relation. */
  String answerNaming(String actionId, String eventId, String words) throws IOException {
    return reply(eventId, actionId, words);
  }

  private String reply(String eventId, String actionId, String words) throws IOException {
    if (style == Style.PERSON) {
      return sendRetrying(EventNames.MESSAGE, text("> <" + coordinator + "> ▶ something\n\n" + words, eventId));
    }
    ObjectNode content;
    String type;
    if (words.startsWith("fail:") || words.startsWith("error:")) {
      type = NAMES.errorType();
      content = Json.object();
      content.putObject("error").put("type", words.startsWith("fail:") ? "action" : "adapter")
          .put("details", words.substring(words.indexOf(':') + 1).trim());
    } else {
      type = NAMES.answerType();
      content = Json.object().put("response", words);
    }
    if (actionId != null) {
      content.put("action_id", actionId);
    }
    if (eventId != null) {
      content.putObject("m.relates_to").putObject("m.in_reply_to").put("event_id", eventId);
    }
    return sendRetrying(type, content);
  }

  /** Shares a file in the room as a reply, the way clients do: upload, then an {@code m.file} message. */
  String shareFile(String eventId, String name, byte[] bytes) throws IOException {
    String uri = api.upload(bytes, "video/mp4", name);
    ObjectNode content = Json.object().put("msgtype", "m.video").put("body", name).put("url", uri);
    content.putObject("info").put("mimetype", "video/mp4").put("size", bytes.length);
    content.putObject("m.relates_to").putObject("m.in_reply_to").put("event_id", eventId);
    return sendRetrying(EventNames.MESSAGE, content);
  }

  /** Shares a file message whose {@code url} is whatever is given; null leaves it out, as encrypted rooms do. */
  String shareLink(String eventId, String name, String url) throws IOException {
    ObjectNode content = Json.object().put("msgtype", "m.file").put("body", name);
    if (url != null) {
      content.put("url", url);
    } else {
      content.putObject("file").put("url", "mxc://" + FakeHomeserver.SERVER_NAME + "/encrypted").put("v", "v2");
    }
    content.putObject("m.relates_to").putObject("m.in_reply_to").put("event_id", eventId);
    return sendRetrying(EventNames.MESSAGE, content);
  }

  /** Says something in the room that is not part of the protocol. */
  String chat(String words) throws IOException {
    return sendRetrying(EventNames.MESSAGE, text(words, null));
  }

  /** Sends with one transaction id, retrying while the homeserver is unreachable, as a careful driver does. */
  String sendRetrying(String type, JsonNode content) throws IOException {
    String txnId = nextTxn();
    for (int attempt = 0; ; attempt++) {
      try {
        return api.send(roomId, type, txnId, content);
      } catch (IOException e) {
        if (attempt > 200) {
          throw e;
        }
        sleep(20);
      }
    }
  }

  String nextTxn() {
    return "d" + txn.incrementAndGet() + "-" + System.nanoTime();
  }

  private static ObjectNode text(String body, String inReplyTo) {
    ObjectNode content = Json.object().put("msgtype", "m.text").put("body", body);
    if (inReplyTo != null) {
      content.putObject("m.relates_to").putObject("m.in_reply_to").put("event_id", inReplyTo);
    }
    return content;
  }

  private void loop() {
    String since = null;
    while (!closed) {
      try {
        SyncBatch batch = api.sync(null, since, since == null ? Duration.ZERO : Duration.ofMillis(500));
        since = batch.nextBatch();
        for (RoomEvent event : batch.timelines().getOrDefault(roomId, List.of())) {
          handle(event);
        }
      } catch (IOException e) {
        sleep(20);
      }
    }
  }

  private void handle(RoomEvent event) throws IOException {
    if (coordinator.equals(event.stateKey()) && "join".equals(event.membership())) {
      joined.countDown();
    }
    if (!coordinator.equals(event.sender())) {
      return;
    }
    fromCoordinator.add(event);
    JsonNode receipt = event.content().path(RECEIPT);
    if (receipt.path("message").asText().startsWith("registered as ")) {
      uuid = receipt.path("uuid").asText();
    }
    Seen seen = recognise(event);
    if (seen == null) {
      return;
    }
    if (seen.action().equals("exit")) {
      // an exit for another client of this room (an earlier registration) is not ours to obey
      if (seen.uuid() == null || seen.uuid().equals(uuid)) {
        exits.add(seen);
        exitReason = seen.data().path("reason").asText();
        exited.countDown();
      }
      return;
    }
    actions.add(seen);
    String words = responder.apply(seen);
    if (words != null) {
      reply(seen.eventId(), words);
    }
  }

  /**
   * Programs read the structured fields (in the action message, or in the structured event of the
   * two-event form); people read the {@code ▶} message.
   */
  private Seen recognise(RoomEvent event) {
    JsonNode fields = event.type().equals(NAMES.actionType()) ? event.content()
        : event.type().equals(EventNames.MESSAGE) ? event.content().path(NAMES.actionType()) : null;
    if (style == Style.PROGRAM && fields != null && fields.has("action")) {
      return new Seen(event.eventId(), fields.path("action_id").asText(null), fields.path("action").asText(),
          fields.path("data"), fields.path("uuid").asText(null));
    }
    String body = event.content().path("body").asText("");
    if (style == Style.PERSON && event.type().equals(EventNames.MESSAGE) && body.startsWith("▶ ")) {
      String[] parts = body.substring(2).split(" ", 2);
      JsonNode data = parts.length > 1 ? Json.parse(parts[1]) : Json.object();
      return new Seen(event.eventId(), null, parts[0], data, event.content().path(NAMES.actionType()).path("uuid").asText(null));
    }
    return null;
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() throws InterruptedException {
    closed = true;
    if (thread != null) {
      thread.join(2000);
    }
  }
}
