package dev.trafficlight.core.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trafficlight.core.port.Artifact;
import dev.trafficlight.core.port.PollReply;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** The coordinator's record of one client. Guarded by the coordinator's lock. */
final class ClientRecord {
  enum State { IDLE, IN_CASE, EXITED }

  /** A poll being held open until there is something to say, or its deadline. */
  record Waiter(CompletableFuture<PollReply> reply, Instant deadline) {}

  final String uuid;
  String transport;
  JsonNode registration;
  Instant registeredAt;
  Instant lastPoll;
  Instant lastAnswer;
  /** Last sign of life of any kind: registration, poll, held poll, answer, error, upload. */
  Instant lastSeen;
  State state = State.IDLE;
  CaseRun caseRun;
  String role;
  /** The case it is in, or was last in. */
  String caseId;
  PollReply.Action outstanding;
  String exitReason;
  /** A poll has handed this client its exit: it knows to stop. */
  boolean toldExit;
  final List<Waiter> waiters = new ArrayList<>();
  final List<Artifact> artifacts = new ArrayList<>();

  ClientRecord(String uuid) {
    this.uuid = uuid;
  }

  String type() {
    return registration.path("type").asText("");
  }

  /** "alice (element-web 1.11, 5f3c...)" for messages that must say which client. */
  String describe() {
    String version = registration.path("version").asText("");
    return (role == null ? "" : role + " ") + "(" + type() + (version.isEmpty() ? "" : " " + version)
        + ", " + uuid + ")";
  }

  ClientView view() {
    return new ClientView(uuid, transport, registration.deepCopy(), state.name().toLowerCase(java.util.Locale.ROOT),
        caseId, role, outstanding == null ? null : outstanding.name(), exitReason, toldExit, registeredAt, lastPoll, lastAnswer);
  }
}
