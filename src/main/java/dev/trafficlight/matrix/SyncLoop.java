package dev.trafficlight.matrix;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trafficlight.core.Json;
import dev.trafficlight.matrix.api.MatrixApi;
import dev.trafficlight.matrix.api.MatrixApiException;
import dev.trafficlight.matrix.model.EventNames;
import dev.trafficlight.matrix.model.SyncBatch;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one {@code /sync} long-poll for all control rooms. It logs in first when it has no token,
 * always continues from {@code next_batch}, backs off on network errors and 5xx, waits as a 429
 * asks, and logs in again at once when a token is rejected (if it has a password). After each
 * batch is handled the rooms and then the token are saved, off the sync thread, so a restart
 * neither replays old answers nor misses new ones, and saving never delays the next batch.
 */
final class SyncLoop implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(SyncLoop.class);

  private final MatrixSettings settings;
  private final Session session;
  private final TransportStore store;
  private final ControlRooms rooms;
  private final Inbox inbox;
  private final Backoff backoff;
  private final String filter;
  private final ExecutorService saver = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "matrix-save");
    t.setDaemon(true);
    return t;
  });
  private final AtomicReference<String> unsaved = new AtomicReference<>();
  private volatile boolean closed;

  SyncLoop(MatrixSettings settings, Session session, TransportStore store, ControlRooms rooms, Inbox inbox) {
    this.settings = settings;
    this.session = session;
    this.store = store;
    this.rooms = rooms;
    this.inbox = inbox;
    this.backoff = new Backoff(settings.backoffMin(), settings.backoffMax());
    this.filter = filter(settings);
  }

  /**
   * Only what the transport reads: timelines of the control event types and membership, without
   * the coordinator's own events, which would only wake the long-poll for nothing.
   */
  static String filter(MatrixSettings settings) {
    EventNames names = settings.names();
    ObjectNode filter = Json.object();
    filter.putObject("presence").putArray("types");
    filter.putObject("account_data").putArray("types");
    ObjectNode room = filter.putObject("room");
    ObjectNode timeline = room.putObject("timeline").put("limit", settings.timelineLimit());
    List.of(names.registerType(), names.answerType(), names.errorType(), EventNames.MESSAGE, EventNames.MEMBER)
        .forEach(timeline.putArray("types")::add);
    timeline.putArray("not_senders").add(settings.userId());
    room.putObject("state").putArray("types");
    room.putObject("ephemeral").putArray("types");
    room.putObject("account_data").putArray("types");
    return filter.toString();
  }

  @Override
  public void run() {
    String since = store.since().orElse(null);
    while (!closed) {
      MatrixApi api = session.api();
      try {
        if (!session.hasToken()) {
          if (!session.renew(api, "no access token yet")) {
            pause(backoff.next());
          }
          continue;
        }
        SyncBatch batch = api.sync(filter, since, since == null ? Duration.ZERO : settings.syncTimeout());
        session.health(MatrixHealth.State.SYNCING, "in sync with " + settings.homeserver());
        backoff.reset();
        inbox.accept(batch, since == null);
        if (!batch.nextBatch().isEmpty()) {
          since = batch.nextBatch();
          checkpoint(since);
        }
      } catch (MatrixApiException e) {
        if (!closed) {
          failed(api, e);
        }
      } catch (IOException e) {
        if (!closed) {
          session.health(MatrixHealth.State.RETRYING, "homeserver unreachable: " + e.getMessage());
          pause(backoff.next());
        }
      } catch (RuntimeException e) {
        LOG.error("sync batch could not be handled; continuing", e);
        pause(backoff.next());
      }
    }
  }

  private void failed(MatrixApi api, MatrixApiException e) {
    if (e.status() == 429) {
      session.health(MatrixHealth.State.RATE_LIMITED, e.getMessage());
      pause(e.retryAfterMillis() > 0 ? Duration.ofMillis(e.retryAfterMillis()) : backoff.next());
    } else if (e.isBadToken()) {
      if (!session.renew(api, e.errcode())) {
        pause(backoff.next());
      }
    } else {
      session.health(MatrixHealth.State.RETRYING, e.getMessage());
      pause(backoff.next());
    }
  }

  /** Saves the rooms, then the token: the rooms never lag behind a token that says their events were handled. */
  private void checkpoint(String since) {
    if (unsaved.getAndSet(since) == null) {
      try {
        saver.execute(this::save);
      } catch (RejectedExecutionException closing) {
        save();
      }
    }
  }

  private void save() {
    String since = unsaved.getAndSet(null);
    if (since != null) {
      rooms.flush();
      store.saveSince(since);
    }
  }

  private void pause(Duration delay) {
    if (!Backoff.pause(delay)) {
      closed = true;
    }
  }

  /** Stops the long-poll; the loop ends soon after. */
  void stop() {
    closed = true;
    session.cancelSync();
  }

  /** Once the loop has ended: writes what is not saved yet. */
  void finish() {
    saver.shutdown();
    try {
      saver.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    save();
    rooms.flush();
  }
}
