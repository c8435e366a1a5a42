package dev.trafficlight.core.store;

/**
 * A client's token as the store keeps it.
 *
 * @param used the client has sent it once, so from then on it must send it on every request
 */
public record KeptToken(String token, boolean used) {
  public KeptToken {
    if (token == null || token.isEmpty()) throw new IllegalArgumentException("a kept token is never empty");
  }
}
