package dev.trafficlight.matrix.api;

import java.io.IOException;

/**
 * The homeserver answered with an error: {@code {"errcode": "M_...", "error": "..."}}.
 *
 * @param retryAfterMillis for 429 {@code M_LIMIT_EXCEEDED}: how long the server asks us to wait, else -1
 */
public final class MatrixApiException extends IOException {
  private final int status;
  private final String errcode;
  private final long retryAfterMillis;

  /** An error reply to {@code call}. */
  public MatrixApiException(String call, int status, String errcode, String error, long retryAfterMillis) {
    super(call + " answered " + status + " " + errcode + (error.isEmpty() ? "" : ": " + error));
    this.status = status;
    this.errcode = errcode;
    this.retryAfterMillis = retryAfterMillis;
  }

  /** The HTTP status. */
  public int status() {
    return status;
  }

  /** The Matrix error code, {@code M_UNKNOWN} when the body had none. */
  public String errcode() {
    return errcode;
  }

  /** How long a 429 asks us to wait, or -1. */
  public long retryAfterMillis() {
    return retryAfterMillis;
  }

  /** Worth retrying as it is: rate limiting or a server-side failure. */
  public boolean isTransient() {
    return status == 429 || status >= 500;
  }

  /** The access token is missing, unknown or expired. */
  public boolean isBadToken() {
    return status == 401;
  }
}
