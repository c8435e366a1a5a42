package dev.trafficlight.core.servers;

/** A provider could not make or remove servers; the message says why, for the case's reason. */
public final class ServerProviderException extends Exception {
  public ServerProviderException(String message) {
    super(message);
  }

  public ServerProviderException(String message, Throwable cause) {
    super(message, cause);
  }
}
