package dev.trafficlight.demo;

/** The simulated chat world refused what an action asked: the client under test "misbehaved". */
public final class ActionFailed extends RuntimeException {
  /** A failure with the reason the status page and the client's log show. */
  public ActionFailed(String reason) {
    super(reason);
  }
}
