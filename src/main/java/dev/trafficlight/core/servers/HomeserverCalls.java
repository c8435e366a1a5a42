package dev.trafficlight.core.servers;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;

/**
 * Calls the coordinator makes itself against a case's homeserver, beside the clients:
 * {@code register_user}, {@code login}, {@code create_room}, {@code send_message},
 * {@code wait_for_event}. Implementations may block, never longer than the timeout; the engine
 * calls them on threads of their own.
 */
@FunctionalInterface
public interface HomeserverCalls {

  /**
   * Makes one call; its result becomes readable like an answer.
   *
   * @param server the case's server: at least {@code server_name} and {@code cs_api}
   * @param arguments the call's arguments, every {@code ${...}} resolved
   */
  JsonNode call(String name, JsonNode server, JsonNode arguments, Duration timeout) throws CallFailure;

  /** A call that did not work; {@code failsCase} when it shows the thing under test misbehaving. */
  final class CallFailure extends Exception {
    private final boolean failsCase;

    public CallFailure(String message, boolean failsCase) {
      super(message);
      this.failsCase = failsCase;
    }

    /** True when the case fails (what was awaited never came), false when it is in error (the call itself broke). */
    public boolean failsCase() {
      return failsCase;
    }
  }
}
