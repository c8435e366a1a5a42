package dev.trafficlight.matrix;

import dev.trafficlight.artifacts.ArtifactStore;
import dev.trafficlight.core.port.ClientPort;
import dev.trafficlight.core.port.Receipt;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives clients through Matrix rooms: the coordinator is a Matrix user, each client's driver
 * invites it into a control room, registers there, receives actions as room events and answers
 * with replies. See {@code transports/matrix.md} for the protocol. One way through:
 * sync → {@link Inbox} → {@link ClientEvents} → the port; the port → {@link RoomChannel} →
 * {@link ActionDelivery} → {@link Outbox}.
 */
public final class MatrixTransport implements AutoCloseable {
  /** The transport's name in {@code ClientPort.register}, shown on the status page. */
  public static final String NAME = "matrix";
  private static final Logger LOG = LoggerFactory.getLogger(MatrixTransport.class);

  private final Session session;
  private final SyncLoop syncLoop;
  private final Thread syncThread;
  private final Calls calls;
  private final Outbox outbox;
  private final ArtifactFetcher fetcher;
  private final Inbox inbox;
  private final OkHttpClient http;

  private MatrixTransport(MatrixSettings settings, ClientPort port, Path dataDir, Clock clock) {
    TransportStore store = new TransportStore(dataDir);
    // room sends run side by side: keep a connection for each, instead of OkHttp's default five
    http = new OkHttpClient.Builder().connectTimeout(Duration.ofSeconds(10)).readTimeout(Duration.ofSeconds(60))
        .connectionPool(new ConnectionPool(32, 5, TimeUnit.MINUTES)).retryOnConnectionFailure(true).build();
    session = new Session(settings, http, store, clock);
    calls = new Calls(session, settings.backoffMin(), settings.backoffMax());
    outbox = new Outbox(calls);
    Notices notices = new Notices(outbox, settings.names());
    ControlRooms rooms = new ControlRooms(store);
    ActionDelivery delivery = new ActionDelivery(port, rooms, outbox, settings, () -> session.health().healthy());
    fetcher = new ArtifactFetcher(port, calls, notices, new ArtifactStore(dataDir), store.partialDownloads(),
        settings.maxFileBytes());
    ClientEvents clientEvents = new ClientEvents(settings, port, rooms, notices, delivery, fetcher);
    delivery.onSettled(clientEvents::resume);
    inbox = new Inbox(settings, rooms, outbox, notices, calls, clientEvents, clock);
    syncLoop = new SyncLoop(settings, session, store, rooms, inbox);
    reattach(port, rooms, delivery);
    syncThread = new Thread(syncLoop, "matrix-sync");
    syncThread.setDaemon(true);
    syncThread.start();
    LOG.info("matrix transport started as {} on {}", settings.userId(), settings.homeserver());
  }

  /**
   * After a restart: each room's client gets its channel back. A coordinator that does not know
   * the client any more (it restarted too) takes the registration the room kept, without a word
   * to the room; a client already told to exit is left alone.
   */
  private static void reattach(ClientPort port, ControlRooms rooms, ActionDelivery delivery) {
    for (ControlRoom room : rooms.snapshot()) {
      if (room.uuid == null) {
        continue;
      }
      RoomChannel channel = delivery.channel(room.roomId, room.uuid);
      Receipt receipt = port.reconnect(room.uuid, channel);
      if (receipt.status() == Receipt.Status.UNKNOWN_CLIENT && !room.exited && room.registration != null) {
        String caseBefore = port.caseOf(room.uuid).orElse(null);
        receipt = port.register(room.uuid, room.registration, NAME, channel);
        rooms.update(room.roomId, r -> {
          r.caseAtRegistration = caseBefore;
          return null;
        });
      }
      LOG.info("control room {}: client {} {}", room.roomId, room.uuid, receipt.message());
      channel.release();
    }
  }

  /**
   * Starts serving control rooms; state is kept under {@code dataDir/matrix}, files under
   * {@code dataDir/cases}. Never waits for the homeserver: logging in (when only a password is
   * configured) and syncing happen in the background, retried until they work, and
   * {@link #health()} says how that goes.
   */
  public static MatrixTransport start(MatrixSettings settings, ClientPort port, Path dataDir) {
    return start(settings, port, dataDir, Clock.systemUTC());
  }

  /** As {@link #start(MatrixSettings, ClientPort, Path)}, with the clock the coordinator uses. */
  public static MatrixTransport start(MatrixSettings settings, ClientPort port, Path dataDir, Clock clock) {
    return new MatrixTransport(settings, port, dataDir, clock);
  }

  /** How the connection to the homeserver stands, for the status page. */
  public MatrixHealth health() {
    return session.health();
  }

  /** Timelines the homeserver cut short in rooms the coordinator was already in. */
  int timelineGaps() {
    return inbox.timelineGaps();
  }

  /** Stops syncing and sending; the clients stay registered and are resumed by the next start. */
  @Override
  public void close() {
    syncLoop.stop();
    calls.close();
    outbox.close();
    fetcher.close();
    try {
      syncThread.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    syncLoop.finish();
    session.health(MatrixHealth.State.STOPPED, "closed");
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }
}
