package dev.trafficlight.core.store;

/**
 * Where a transport keeps the tokens its clients prove themselves with, so that a client which
 * uses its token is still itself, and still the only one who can act for its UUID, after a restart.
 */
@FunctionalInterface
public interface TokenLedger {
  /** The client's token is now this (issued, or first used). */
  void kept(String uuid, KeptToken token);

  /** Keeps nothing. */
  TokenLedger NONE = (uuid, token) -> { };
}
