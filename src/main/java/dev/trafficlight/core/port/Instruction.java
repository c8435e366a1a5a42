package dev.trafficlight.core.port;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;

/** What the coordinator tells a client: do this, nothing yet, or stop. */
public sealed interface Instruction {

  /** Perform {@code name} with {@code data}; answers quote {@code id}. */
  record Action(String id, String name, JsonNode data) implements Instruction {}

  /** Nothing to do yet; a polling client asks again after {@code delay}. */
  record Idle(Duration delay) implements Instruction {}

  /**
   * Stop: the client's case is over, it was dropped, or the coordinator does not know it.
   *
   * @param id unique per exit, so a transport can tell one exit from a later one
   */
  record Exit(String id, String reason) implements Instruction {}
}
