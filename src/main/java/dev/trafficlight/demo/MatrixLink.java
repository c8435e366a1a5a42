package dev.trafficlight.demo;

import static dev.trafficlight.demo.ControlRoomContract.ACTION;
import static dev.trafficlight.demo.ControlRoomContract.ANSWER;
import static dev.trafficlight.demo.ControlRoomContract.ERROR;
import static dev.trafficlight.demo.ControlRoomContract.IN_REPLY_TO;
import static dev.trafficlight.demo.ControlRoomContract.MEMBER;
import static dev.trafficlight.demo.ControlRoomContract.MESSAGE;
import static dev.trafficlight.demo.ControlRoomContract.RECEIPT;
import static dev.trafficlight.demo.ControlRoomContract.REGISTER;
import static dev.trafficlight.demo.ControlRoomContract.RELATES_TO;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trafficlight.core.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;

/**
 * A simulated client's way to the coordinator through a Matrix control room, as a driver written
 * from transports/matrix.md does it: its own account, one room it creates and invites the
 * coordinator to, registration once the coordinator has joined, each action read from the
 * coordinator's messages and answered with a structured reply, its log shared as a file.
 */
final class MatrixLink implements CoordinatorLink {
  private static final long HOLD_MILLIS = 20_000;
  private static final long WAIT_MILLIS = 30_000;

  private final String homeserver;
  private final String coordinator;
  private final String username;
  private final Deque<Instruction> pending = new ArrayDeque<>();
  /** The event of each action, to reply to: the answer then counts for that action alone. */
  private final Map<String, String> eventOfAction = new HashMap<>();
  private MatrixWire wire;
  private String roomId;
  private String filter;
  private String since;
  private String uuid;
  private String registrationEvent;
  private String refusal;
  private boolean coordinatorJoined;
  private int txn;

  MatrixLink(String homeserver, String coordinator, String username) {
    this.homeserver = homeserver;
    this.coordinator = coordinator;
    this.username = username;
  }

  @Override
  public String transport() {
    return "matrix";
  }

  /** Registers in the control room (made on first use) and waits for the "registered" notice that confirms the client id. */
  @Override
  public String register(ObjectNode registration) throws IOException, InterruptedException {
    openRoom();
    uuid = null;
    refusal = null;
    pending.clear();
    eventOfAction.clear();
    // a new client id for each case, as HTTP adapters take a new UUID: a file shared after one case's
    // exit must not be taken for the next case's, which the same id would already be in
    ObjectNode withId = registration.deepCopy().put("uuid", UUID.randomUUID().toString());
    registrationEvent = wire.send(roomId, REGISTER, nextTxn(), withId);
    syncUntil(() -> uuid != null || refusal != null, "the coordinator's answer to the registration");
    if (refusal != null) throw new IOException("the coordinator refused the registration: " + refusal);
    return uuid;
  }

  @Override
  public Instruction next() throws IOException, InterruptedException {
    if (pending.isEmpty()) syncOnce(HOLD_MILLIS);
    return pending.isEmpty() ? Instruction.idle() : pending.poll();
  }

  @Override
  public void respond(Instruction action, ObjectNode answer) throws IOException, InterruptedException {
    wire.send(roomId, ANSWER, nextTxn(), replyTo(action, answer));
  }

  @Override
  public void error(Instruction action, ObjectNode error) throws IOException, InterruptedException {
    wire.send(roomId, ERROR, nextTxn(), replyTo(action, error));
  }

  @Override
  public void upload(String fileName, String text) throws IOException, InterruptedException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    ObjectNode file = Json.object().put("msgtype", "m.file").put("body", fileName)
        .put("url", wire.upload(bytes, "text/plain", fileName));
    file.putObject("info").put("mimetype", "text/plain").put("size", bytes.length);
    wire.send(roomId, MESSAGE, nextTxn(), file);
  }

  /** An answer names its action both ways, by id and as a reply, so it cannot be taken for another's. */
  private ObjectNode replyTo(Instruction action, ObjectNode content) {
    ObjectNode reply = content.deepCopy();
    if (action.id() != null) {
      reply.put("action_id", action.id());
      String eventId = eventOfAction.remove(action.id());
      if (eventId != null) reply.putObject(RELATES_TO).putObject(IN_REPLY_TO).put("event_id", eventId);
    }
    return reply;
  }

  /** An account, a room with the coordinator invited, and its join: the contract says to register only after it. */
  private void openRoom() throws IOException, InterruptedException {
    if (roomId != null) return;
    if (wire == null) wire = MatrixWire.register(homeserver, username, UUID.randomUUID().toString());
    ObjectNode timeline = Json.object().put("limit", 100);
    timeline.putArray("types").add(MESSAGE).add(MEMBER);
    timeline.putArray("not_senders").add(wire.userId());
    ObjectNode roomFilter = Json.object();
    roomFilter.putObject("room").set("timeline", timeline);
    filter = roomFilter.toString();
    roomId = wire.createRoom("trafficlight " + username, coordinator);
    try {
      syncUntil(() -> coordinatorJoined, coordinator + "'s join");
    } catch (IOException e) {
      roomId = null; // a room the coordinator never joined is no use: the next attempt makes another
      throw e;
    }
  }

  private void syncUntil(BooleanSupplier done, String what) throws IOException, InterruptedException {
    long until = System.currentTimeMillis() + WAIT_MILLIS;
    while (!done.getAsBoolean()) {
      long left = until - System.currentTimeMillis();
      if (left <= 0) throw new IOException(username + " waited " + WAIT_MILLIS / 1000 + " s in vain for " + what);
      syncOnce(Math.min(left, HOLD_MILLIS));
    }
  }

  private void syncOnce(long holdMillis) throws IOException, InterruptedException {
    JsonNode batch = wire.sync(since, filter, since == null ? 0 : holdMillis);
    since = batch.path("next_batch").asText(since);
    for (JsonNode event : batch.path("rooms").path("join").path(roomId).path("timeline").path("events")) {
      read(event);
    }
  }

  /** Only the coordinator's events matter; the rest of the room is chat. */
  private void read(JsonNode event) {
    if (!event.path("sender").asText().equals(coordinator)) return;
    JsonNode content = event.path("content");
    if (event.path("type").asText().equals(MEMBER)) {
      if (coordinator.equals(event.path("state_key").asText()) && content.path("membership").asText().equals("join")) {
        coordinatorJoined = true;
      }
      return;
    }
    JsonNode receipt = content.path(RECEIPT);
    String repliesTo = content.path(RELATES_TO).path(IN_REPLY_TO).path("event_id").asText("");
    if (receipt.isObject() && repliesTo.equals(registrationEvent) && uuid == null) {
      if (receipt.path("status").asText().equals("OK")) uuid = receipt.path("uuid").asText();
      else refusal = receipt.path("message").asText();
      return;
    }
    JsonNode action = content.path(ACTION);
    // an action or exit for an earlier registration in this room is not for this client
    if (!action.hasNonNull("action") || uuid == null || !uuid.equals(action.path("uuid").asText(uuid))) return;
    String id = action.hasNonNull("action_id") ? action.get("action_id").asText() : null;
    if (id != null) eventOfAction.put(id, event.path("event_id").asText());
    pending.add(new Instruction(action.get("action").asText(), action.path("data"), id));
  }

  private String nextTxn() {
    return "sim" + (++txn);
  }
}
