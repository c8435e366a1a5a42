package dev.trafficlight.core.servers;

import java.util.Optional;

/**
 * Makes and removes the homeservers a case runs against: fixed ones from the configuration,
 * fresh ones from homerunner, or whatever a user's script starts. Implementations may block;
 * the engine calls them on threads of their own, never under its lock.
 */
public interface ServerProvider {

  /** The servers one case asked for, keyed by the scenario's names; throws with a message people can act on. */
  ProvidedServers provide(ServerRequest request) throws ServerProviderException;

  /**
   * Removes what {@link #provide} made for this request. Called once for every call of provide,
   * whatever the case's outcome, with {@code servers} null when provide did not return (it failed,
   * or was cancelled), so that a half-made set can be cleaned up too; not called for requests
   * that were {@link #immediate}, since those hold nothing to remove.
   */
  void release(ServerRequest request, ProvidedServers servers) throws ServerProviderException;

  /** True when {@link #provide} needs no I/O for this request (fixed servers): the engine may call it at once. */
  default boolean immediate(ServerRequest request) {
    return false;
  }

  /** Why this provider can never make a server of this type (null: untyped), or empty when it can. */
  default Optional<String> refuses(String type) {
    return Optional.empty();
  }

  /** Makes calls in flight return soon (at shutdown): a blocked provide or release should throw. */
  default void cancelAll() {}

  /** A few words for people: "homerunner at http://localhost:54321". */
  String describe();
}
