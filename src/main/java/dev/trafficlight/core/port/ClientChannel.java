package dev.trafficlight.core.port;

/**
 * The way back to one client, handed over by its transport when the client registers: the
 * coordinator calls {@link #tell} whenever the client has a new action, or must exit.
 * Calls come in order, on whichever thread changed the client's state, after the coordinator's
 * lock is released; an implementation must not block.
 */
@FunctionalInterface
public interface ClientChannel {

  void tell(Instruction instruction);

  /**
   * True while the transport holds a live connection for the client (an HTTP poll held open):
   * the client counts as alive without sending anything.
   */
  default boolean connected() {
    return false;
  }
}
