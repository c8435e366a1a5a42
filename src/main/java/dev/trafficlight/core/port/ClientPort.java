package dev.trafficlight.core.port;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * What a transport may ask of the coordinator. A transport translates its wire into these calls
 * and the coordinator's {@link ClientChannel#tell} calls back into its wire; it never sees cases,
 * steps or scenarios.
 */
public interface ClientPort {

  /**
   * A client says who it is ({@code registration} is its open JSON object: {@code type},
   * {@code version}, ...) and how to reach it. Refused while the client is in a case.
   */
  Receipt register(String uuid, JsonNode registration, String transport, ClientChannel channel);

  /**
   * A transport that restarted reaches a client it served before: the client keeps its state
   * and the channel replaces the old one. {@code UNKNOWN_CLIENT} when the coordinator has no
   * record of it.
   */
  Receipt reconnect(String uuid, ClientChannel channel);

  /**
   * What the client should do now: its outstanding action, {@code exit}, or {@code idle}. Asking
   * is a sign of life, and hands the client what it is told.
   */
  Instruction current(String uuid);

  /** The transport handed this instruction to the client: from here on the client is accountable for it. */
  void delivered(String uuid, Instruction instruction);

  /**
   * The client's answer to its outstanding action. {@code actionId} may be null; when given and
   * not the outstanding action's, the answer is stale and changes nothing.
   */
  Receipt answer(String uuid, String actionId, Answer answer);

  /** The client reports a failure; {@code actionId} as for {@link #answer}. */
  Receipt fail(String uuid, String actionId, Failure failure);

  /**
   * A file the transport has stored for this client (a log, a video...), for the case it was in
   * when it sent the file ({@code caseId}, from {@link #caseOf} then; null: none). A file sent
   * after an exit may be stored only once the client is in its next case, and still belongs to
   * the one it came from.
   */
  Receipt attach(String uuid, String caseId, Artifact artifact);

  /** True when a client is registered under this UUID (whatever its state). */
  boolean knows(String uuid);

  /** The case a client is in, or was last in: where its files belong. */
  Optional<String> caseOf(String uuid);
}
