package dev.trafficlight.core.port;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * What a transport may ask of the coordinator. A transport translates its wire format into these
 * calls and nothing else; it never sees cases, steps or scenarios.
 */
public interface ClientPort {

  /** A client says who it is; {@code registration} is its open JSON object ({@code type}, {@code version}, ...). */
  Receipt register(String uuid, JsonNode registration, String transport);

  /**
   * The client's next instruction. Completes at once when there is something to say (an action,
   * or {@code exit}); otherwise waits up to {@code wait} for one, then completes with {@code idle}.
   * Never blocks the caller's thread.
   */
  CompletableFuture<PollReply> nextAction(String uuid, Duration wait);

  /**
   * The client's answer to its outstanding action. {@code actionId} may be null; when given and
   * not the outstanding action's, the answer is a stale retry and changes nothing.
   */
  Receipt answer(String uuid, String actionId, JsonNode answer);

  /** The client reports a failure: {@code {"error": {"type", "details", "path"}}}, leniently. */
  Receipt error(String uuid, JsonNode error);

  /** A file the transport has stored for this client (a log, a video...). */
  Receipt attach(String uuid, Artifact artifact);

  /** True when a client is registered under this UUID (whatever its state). */
  boolean knows(String uuid);

  /** The case a client is in, or was last in: where its files belong. */
  Optional<String> caseOf(String uuid);
}
