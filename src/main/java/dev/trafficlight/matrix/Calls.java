package dev.trafficlight.matrix;

import dev.trafficlight.matrix.api.MatrixApi;
import dev.trafficlight.matrix.api.MatrixApiException;
import java.io.IOException;
import java.time.Duration;

/**
 * How the transport retries a call: network errors and 5xx after doubling delays, 429 as the
 * server asks, a rejected token at once after one shared login, anything else not at all. Each
 * call keeps its own delays, so one room's trouble slows no other.
 */
final class Calls {
  /** One call against the homeserver. */
  @FunctionalInterface
  interface ApiCall<T> {
    T run(MatrixApi api) throws IOException;
  }

  private final Session session;
  private final Duration backoffMin;
  private final Duration backoffMax;
  private volatile boolean closed;

  Calls(Session session, Duration backoffMin, Duration backoffMax) {
    this.session = session;
    this.backoffMin = backoffMin;
    this.backoffMax = backoffMax;
  }

  /**
   * The call's result. Throws the last error when it failed for good or {@code attempts} ran out
   * (0: no limit), and a {@link Closed} once the transport closes.
   */
  <T> T run(ApiCall<T> call, int attempts) throws IOException {
    Backoff backoff = new Backoff(backoffMin, backoffMax);
    boolean renewedJustNow = false;
    for (int attempt = 1; !closed; attempt++) {
      MatrixApi api = session.api();
      IOException failure;
      try {
        return call.run(api);
      } catch (MatrixApiException e) {
        failure = e;
        if (e.isBadToken()) {
          // a fresh token is tried at once; a fresh token rejected as well waits like any failure
          if (!renewedJustNow && session.renew(api, e.errcode())) {
            renewedJustNow = true;
            continue;
          }
          pause(backoff.next());
        } else if (e.status() == 429) {
          pause(e.retryAfterMillis() > 0 ? Duration.ofMillis(e.retryAfterMillis()) : backoff.next());
        } else if (e.isTransient()) {
          pause(backoff.next());
        } else {
          throw e;
        }
      } catch (IOException e) {
        failure = e;
        pause(backoff.next());
      }
      renewedJustNow = false;
      if (attempts > 0 && attempt >= attempts) {
        throw failure;
      }
    }
    throw new Closed();
  }

  private void pause(Duration delay) throws Closed {
    if (closed || !Backoff.pause(delay)) {
      closed = true;
      throw new Closed();
    }
  }

  /** The transport closed while a call was being retried: nothing is wrong with the call. */
  static final class Closed extends IOException {
    Closed() {
      super("the Matrix transport closed");
    }
  }

  void close() {
    closed = true;
  }
}
