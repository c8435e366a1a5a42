package dev.trafficlight.matrix;

import java.time.Instant;

/** How the transport's connection to its homeserver stands, for the status page. */
public record MatrixHealth(State state, String detail, Instant since) {

  /** The states worth telling apart on a status page. */
  public enum State {
    STARTING, SYNCING, RETRYING, RATE_LIMITED, TOKEN_INVALID, STOPPED;

    /** The state as a lower-case word. */
    public String word() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** One line for a status page: {@code matrix: retrying (homeserver unreachable: ...)}. */
  public String summary() {
    return "matrix: " + state.word() + " (" + detail + ")";
  }

  /** True when the transport is talking to its homeserver. */
  public boolean healthy() {
    return state == State.SYNCING;
  }
}
