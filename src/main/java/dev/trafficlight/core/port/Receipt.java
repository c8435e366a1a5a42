package dev.trafficlight.core.port;

/** The coordinator's reply to a client's call: accepted, or why not. */
public record Receipt(Status status, String message) {

  /** Why a call was or was not taken. Transports map these to their own error codes. */
  public enum Status {
    OK,
    /** No client is registered under this UUID. */
    UNKNOWN_CLIENT,
    /** The call's content is malformed (a registration whose {@code actions} is not a list of names). */
    INVALID,
    /** The call conflicts with the client's state (re-registering while in a case). */
    REFUSED,
    /** An answer that quotes an action id other than the outstanding one. */
    STALE,
    /** An answer when the client has no outstanding action. */
    NO_ACTION
  }

  public static Receipt ok(String message) {
    return new Receipt(Status.OK, message);
  }

  public boolean isOk() {
    return status == Status.OK;
  }
}
