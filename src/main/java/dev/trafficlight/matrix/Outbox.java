package dev.trafficlight.matrix;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trafficlight.matrix.api.MatrixApi;
import dev.trafficlight.matrix.api.MatrixApiException;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything the transport says to the homeserver, in order, on one thread, each call retried
 * until it succeeds: after network errors and 5xx with backoff, after 429 as the server asks.
 * Sends carry stable transaction ids, so a retry of a send that did arrive is not a duplicate.
 */
final class Outbox implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Outbox.class);

  /** One call against the homeserver. */
  @FunctionalInterface
  interface ApiCall<T> {
    T run(MatrixApi api) throws IOException;
  }

  private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "matrix-outbox");
    t.setDaemon(true);
    return t;
  });
  private final Supplier<MatrixApi> api;
  private final Backoff backoff;
  private volatile boolean closed;

  Outbox(Supplier<MatrixApi> api, Backoff backoff) {
    this.api = api;
    this.backoff = backoff;
  }

  /** Sends an event; {@code onSent} gets its event id. */
  void send(String roomId, String type, String txnId, JsonNode content, Consumer<String> onSent) {
    submit("send " + type + " to " + roomId, a -> a.send(roomId, type, txnId, content), onSent);
  }

  <T> void submit(String what, ApiCall<T> call, Consumer<T> onDone) {
    if (closed) {
      return;
    }
    executor.execute(() -> {
      T result = withRetries(what, call);
      if (result != null) {
        onDone.accept(result);
      }
    });
  }

  /** A call with nothing to answer, like join or leave. */
  @FunctionalInterface
  interface ApiAction {
    void run(MatrixApi api) throws IOException;
  }

  void perform(String what, ApiAction action) {
    submit(what, api -> {
      action.run(api);
      return Boolean.TRUE;
    }, ignored -> { });
  }

  /** The call's result, or null when it failed for good or the outbox closed. */
  <T> T withRetries(String what, ApiCall<T> call) {
    while (!closed) {
      try {
        T result = call.run(api.get());
        backoff.reset();
        return result;
      } catch (MatrixApiException e) {
        if (e.status() == 429) {
          pause(e.retryAfterMillis() > 0 ? Duration.ofMillis(e.retryAfterMillis()) : backoff.next());
        } else if (e.isTransient()) {
          pause(backoff.next());
        } else if (e.isBadToken()) {
          pause(backoff.max());
        } else {
          LOG.warn("{} failed for good: {}", what, e.getMessage());
          return null;
        }
      } catch (IOException e) {
        LOG.debug("{} failed, will retry: {}", what, e.toString());
        pause(backoff.next());
      }
    }
    return null;
  }

  private void pause(Duration delay) {
    if (!Backoff.pause(delay)) {
      closed = true;
    }
  }

  @Override
  public void close() {
    closed = true;
    executor.shutdownNow();
  }
}
