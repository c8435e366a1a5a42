package dev.trafficlight.matrix;

import dev.trafficlight.artifacts.ArtifactStore;
import dev.trafficlight.core.port.ClientPort;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives clients through Matrix rooms: the coordinator is a Matrix user, each client's driver
 * invites it into a control room, registers there, receives actions as room events and answers
 * with replies. See {@code transports/matrix.md} for the protocol.
 */
public final class MatrixTransport implements AutoCloseable {
  /** The transport's name in {@code ClientPort.register}, shown on the status page. */
  public static final String NAME = "matrix";
  private static final Logger LOG = LoggerFactory.getLogger(MatrixTransport.class);

  private final Session session;
  private final SyncLoop syncLoop;
  private final Thread syncThread;
  private final Outbox outbox;
  private final ArtifactFetcher fetcher;
  private final ActionDelivery delivery;
  private final ScheduledExecutorService scheduler;
  private final OkHttpClient http;

  private MatrixTransport(MatrixSettings settings, ClientPort port, Path dataDir, Clock clock) throws IOException {
    TransportStore store = new TransportStore(dataDir);
    http = new OkHttpClient.Builder().connectTimeout(Duration.ofSeconds(10)).readTimeout(Duration.ofSeconds(60))
        .retryOnConnectionFailure(true).build();
    session = Session.open(settings, http, store, clock);
    scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "matrix-scheduler");
      t.setDaemon(true);
      return t;
    });
    outbox = new Outbox(session::api, new Backoff(settings.backoffMin(), settings.backoffMax()));
    Notices notices = new Notices(outbox);
    ControlRooms rooms = new ControlRooms(store, clock);
    delivery = new ActionDelivery(port, rooms, outbox, settings.names(), clock);
    fetcher = new ArtifactFetcher(port, outbox, new ArtifactStore(dataDir), settings.maxFileBytes());
    Inbox inbox = new Inbox(settings, port, rooms, outbox, notices, delivery, fetcher, clock);
    syncLoop = new SyncLoop(settings, session, store, inbox);
    Liveness liveness = new Liveness(rooms, delivery, port, notices, settings.liveness(), clock);
    long every = Math.max(20, Math.min(1000, settings.liveness().toMillis() / 10));
    scheduler.scheduleWithFixedDelay(liveness::check, every, every, TimeUnit.MILLISECONDS);
    rooms.forEach(room -> {
      if (room.uuid != null) {
        String roomId = room.roomId;
        String uuid = room.uuid;
        scheduler.execute(() -> port.reconnect(uuid, delivery.channel(roomId, uuid)));
      }
    });
    syncThread = new Thread(syncLoop, "matrix-sync");
    syncThread.setDaemon(true);
    syncThread.start();
    LOG.info("matrix transport started as {} on {}", settings.userId(), settings.homeserver());
  }

  /**
   * Connects to the homeserver (logging in first when only a password is configured) and starts
   * serving control rooms; state is kept under {@code dataDir/matrix}, files under {@code dataDir/cases}.
   */
  public static MatrixTransport start(MatrixSettings settings, ClientPort port, Path dataDir) throws IOException {
    return start(settings, port, dataDir, Clock.systemUTC());
  }

  /** As {@link #start(MatrixSettings, ClientPort, Path)}, with the clock the coordinator uses. */
  public static MatrixTransport start(MatrixSettings settings, ClientPort port, Path dataDir, Clock clock) throws IOException {
    return new MatrixTransport(settings, port, dataDir, clock);
  }

  /** How the connection to the homeserver stands, for the status page. */
  public MatrixHealth health() {
    return session.health();
  }

  /** Stops syncing and polling; the clients stay registered and are resumed by the next start. */
  @Override
  public void close() {
    syncLoop.close();
    scheduler.shutdownNow();
    outbox.close();
    fetcher.close();
    try {
      syncThread.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    session.health(MatrixHealth.State.STOPPED, "closed");
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }
}
