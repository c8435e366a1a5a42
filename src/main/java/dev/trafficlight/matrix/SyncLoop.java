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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one {@code /sync} long-poll for all control rooms: always continues from {@code next_batch},
 * saves it after each batch is handled, backs off on network errors and 5xx, waits as a 429 asks,
 * and on a rejected token logs in again when it has a password, else says so in its health.
 */
final class SyncLoop implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(SyncLoop.class);

  private final MatrixSettings settings;
  private final Session session;
  private final TransportStore store;
  private final Inbox inbox;
  private final Backoff backoff;
  private final String filter;
  private volatile boolean closed;

  SyncLoop(MatrixSettings settings, Session session, TransportStore store, Inbox inbox) {
    this.settings = settings;
    this.session = session;
    this.store = store;
    this.inbox = inbox;
    this.backoff = new Backoff(settings.backoffMin(), settings.backoffMax());
    this.filter = filter(settings);
  }

  /** Only what the transport reads: timelines of the control event types and membership. */
  static String filter(MatrixSettings settings) {
    EventNames names = settings.names();
    ObjectNode filter = Json.object();
    filter.putObject("presence").putArray("types");
    filter.putObject("account_data").putArray("types");
    ObjectNode room = filter.putObject("room");
    ObjectNode timeline = room.putObject("timeline").put("limit", settings.timelineLimit());
    List.of(names.registerType(), names.answerType(), names.errorType(), EventNames.MESSAGE, EventNames.MEMBER)
        .forEach(timeline.putArray("types")::add);
    room.putObject("state").putArray("types").add(EventNames.MEMBER);
    room.putObject("ephemeral").putArray("types");
    room.putObject("account_data").putArray("types");
    return filter.toString();
  }

  @Override
  public void run() {
    String since = store.since().orElse(null);
    while (!closed) {
      try {
        MatrixApi api = session.api();
        SyncBatch batch = api.sync(filter, since, since == null ? Duration.ZERO : settings.syncTimeout());
        session.health(MatrixHealth.State.SYNCING, "in sync with " + settings.homeserver());
        backoff.reset();
        inbox.accept(batch, since == null);
        if (!batch.nextBatch().isEmpty()) {
          since = batch.nextBatch();
          store.saveSince(since);
        }
      } catch (MatrixApiException e) {
        if (closed) {
          break;
        }
        failed(e);
      } catch (IOException e) {
        if (closed) {
          break;
        }
        session.health(MatrixHealth.State.RETRYING, "homeserver unreachable: " + e.getMessage());
        pause(backoff.next());
      } catch (RuntimeException e) {
        LOG.error("sync batch could not be handled; continuing", e);
        pause(backoff.next());
      }
    }
  }

  private void failed(MatrixApiException e) {
    if (e.status() == 429) {
      session.health(MatrixHealth.State.RATE_LIMITED, e.getMessage());
      pause(e.retryAfterMillis() > 0 ? Duration.ofMillis(e.retryAfterMillis()) : backoff.next());
    } else if (e.isBadToken()) {
      if (!session.renewToken()) {
        LOG.error("the homeserver rejected the coordinator's access token ({}); set a valid matrix.access_token"
            + " or matrix.password", e.getMessage());
        session.health(MatrixHealth.State.TOKEN_INVALID, "the homeserver rejected the access token: " + e.errcode());
        pause(backoff.max());
      }
    } else {
      session.health(MatrixHealth.State.RETRYING, e.getMessage());
      pause(backoff.next());
    }
  }

  private void pause(Duration delay) {
    if (!Backoff.pause(delay)) {
      closed = true;
    }
  }

  void close() {
    closed = true;
    session.api().cancelSync();
  }
}
