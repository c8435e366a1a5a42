package dev.trafficlight.core.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trafficlight.core.port.Artifact;
import dev.trafficlight.core.port.ClientChannel;
import dev.trafficlight.core.port.Instruction;
import dev.trafficlight.core.view.ClientView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The coordinator's record of one client. Guarded by the coordinator's lock. */
final class ClientRecord {
  enum State { IDLE, IN_CASE, EXITED }

  final String uuid;
  String transport;
  ClientChannel channel;
  JsonNode registration;
  /** The actions its registration lists, or null when it lists none: it may be given any. */
  private java.util.Set<String> actions;
  /**
   * The role's actions last checked against {@link #actions}, and the answer. A scan of the idle
   * clients asks each the same question for one role many times; the answer is then one field
   * away instead of a lookup per action.
   */
  private java.util.Set<String> lastNeeded;
  private boolean lastCanDo;
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
  Instruction.Action outstanding;
  /** When the transport handed over the outstanding action; null until it has. */
  Instant deliveredAt;
  /** While exited: the exit it is told. */
  Instruction.Exit exit;
  /** When it exited, for forgetting it later. */
  Instant exitedAt;
  /** The client has been handed its exit: it knows to stop. */
  boolean toldExit;
  final List<Artifact> artifacts = new ArrayList<>();

  ClientRecord(String uuid) {
    this.uuid = uuid;
  }

  /** The client now lists these actions (null: none). */
  void declare(java.util.Set<String> declared) {
    actions = declared;
    lastNeeded = null;
  }

  java.util.Set<String> actions() {
    return actions;
  }

  /** Whether it can do every action of a role: always, when it listed none. */
  boolean canDo(dev.trafficlight.core.scenario.Role.Cast cast) {
    if (actions == null) return true;
    if (cast.actions() != lastNeeded) {
      lastCanDo = cast.canDo(actions);
      lastNeeded = cast.actions();
    }
    return lastCanDo;
  }

  String type() {
    return registration.path("type").asText("");
  }

  /** What the client should be doing now, or null when nothing (idle). */
  Instruction pending() {
    return state == State.EXITED ? exit : outstanding;
  }

  /** The client is accountable for its silence unless an action was told and not yet delivered. */
  boolean silentSince(Instant limit) {
    if (outstanding != null && deliveredAt == null) return false;
    Instant clock = outstanding != null && deliveredAt.isAfter(lastSeen) ? deliveredAt : lastSeen;
    return !clock.isAfter(limit);
  }

  /** "alice (element-web 1.11, 5f3c...)" for messages that must say which client. */
  String describe() {
    String version = registration.path("version").asText("");
    return (role == null ? "" : role + " ") + "(" + type() + (version.isEmpty() ? "" : " " + version)
        + ", " + uuid + ")";
  }

  ClientView view() {
    return new ClientView(uuid, transport, registration.deepCopy(), state.name().toLowerCase(java.util.Locale.ROOT),
        caseId, role, outstanding == null ? null : outstanding.name(), exit == null ? null : exit.reason(), toldExit,
        registeredAt, lastPoll, lastAnswer);
  }
}
