package dev.trafficlight.core.port;

import com.fasterxml.jackson.databind.JsonNode;

/** What a polling client is told. */
public sealed interface PollReply {
  String IDLE = "idle";
  String EXIT = "exit";

  /** The name on the wire: the action's, {@code idle} or {@code exit}. */
  String name();

  /** Perform this; answer quoting {@code id}. */
  record Action(String id, String name, JsonNode data) implements PollReply {}

  /** Nothing to do yet; poll again after {@code delayMillis}. */
  record Idle(long delayMillis) implements PollReply {
    public String name() {
      return IDLE;
    }
  }

  /** Stop: the client's case is over, or the coordinator does not know it. */
  record Exit(String reason) implements PollReply {
    public String name() {
      return EXIT;
    }
  }
}
