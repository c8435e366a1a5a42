package dev.trafficlight.server;

import dev.trafficlight.core.catalogue.Catalogue;
import dev.trafficlight.core.engine.Coordinator;
import dev.trafficlight.core.view.CoordinatorListener;
import dev.trafficlight.core.engine.Ticker;
import dev.trafficlight.core.scenario.Scenario;
import dev.trafficlight.core.scenario.Selection;
import dev.trafficlight.artifacts.ArtifactStore;
import dev.trafficlight.core.store.RunStore;
import dev.trafficlight.store.JournalStore;
import dev.trafficlight.http.HttpTransport;
import dev.trafficlight.matrix.MatrixHealth;
import dev.trafficlight.matrix.MatrixSettings;
import dev.trafficlight.matrix.MatrixTransport;
import dev.trafficlight.status.Notice;
import dev.trafficlight.status.StatusPage;
import io.javalin.Javalin;
import io.javalin.config.SizeUnit;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.LoggerFactory;

/**
 * A running coordinator with its transports and status page: the one thing {@code serve},
 * {@code run} and tests start. HTTP is always on; Matrix when the config has a {@code matrix:} section.
 */
public final class TrafficlightServer implements AutoCloseable {
  private static final Duration TICK = Duration.ofMillis(100);

  private final Coordinator coordinator;
  private final Javalin app;
  private final Ticker ticker;
  private final MatrixTransport matrix;
  private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

  private final RunStore store;

  private TrafficlightServer(Coordinator coordinator, Javalin app, Ticker ticker, MatrixTransport matrix, RunStore store) {
    this.coordinator = coordinator;
    this.store = store;
    this.app = app;
    this.ticker = ticker;
    this.matrix = matrix;
  }

  /**
   * Starts on {@code host:port} (port 0 picks a free one) with these scenarios queued; the
   * listeners hear everything from the first registration on.
   */
  public static TrafficlightServer start(ServerConfig config, List<Scenario> scenarios, String host, int port, Path dataDir,
      CoordinatorListener... listeners) throws IOException {
    return start(config, scenarios, Selection.all(), host, port, dataDir, listeners);
  }

  /** Like the above, with the scenarios' types and cases chosen for this run. */
  public static TrafficlightServer start(ServerConfig config, List<Scenario> scenarios, Selection selection, String host,
      int port, Path dataDir, CoordinatorListener... listeners) throws IOException {
    return start(config, scenarios, selection, Catalogue.builtIn(), host, port, dataDir, Persistence.KEEP, listeners);
  }

  /**
   * Like the above, with the action catalogue the status page publishes, keeping in
   * {@code dataDir} what {@code persistence} says, and taking back what an earlier coordinator
   * kept there: its clients, their tokens and its cases' results.
   */
  public static TrafficlightServer start(ServerConfig config, List<Scenario> scenarios, Selection selection, Catalogue catalogue,
      String host, int port, Path dataDir, Persistence persistence, CoordinatorListener... listeners) throws IOException {
    requireWritable(dataDir);
    Clock clock = Clock.systemUTC();
    Coordinator coordinator = new Coordinator(config.engine(), clock, config.servers().services(config.engine().homeservers()));
    RunStore store = persistence == Persistence.NONE ? RunStore.NONE : JournalStore.open(dataDir);
    try {
      return start(config, scenarios, selection, catalogue, host, port, dataDir, persistence, coordinator, store, clock,
          listeners);
    } catch (IOException | RuntimeException e) {
      store.close(); // a start that fails lets go of the journal, its thread and its lock
      throw e;
    }
  }

  private static TrafficlightServer start(ServerConfig config, List<Scenario> scenarios, Selection selection,
      Catalogue catalogue, String host, int port, Path dataDir, Persistence persistence, Coordinator coordinator,
      RunStore store, Clock clock, CoordinatorListener... listeners) throws IOException {
    coordinator.addListener(store); // first: a case's end is kept before anyone else hears of it
    for (CoordinatorListener listener : listeners) {
      coordinator.addListener(listener);
    }
    List<Scenario> chosen = selection.isAll() ? scenarios : selection.apply(scenarios);
    chosen.forEach(scenario -> coordinator.add(scenario, selection::includes));
    MatrixSettings matrixSettings = config.matrix() == null ? null : MatrixSettings.from(config.matrix());
    AtomicReference<MatrixTransport> matrixHolder = new AtomicReference<>();
    Javalin app = Javalin.create(javalin -> {
      javalin.showJavalinBanner = false;
      javalin.http.maxRequestSize = config.http().maxUploadBytes();
      javalin.http.asyncTimeout = 0L; // held polls end when the coordinator says, not Jetty
      javalin.router.ignoreTrailingSlashes = true;
      javalin.http.prefer405over404 = true;
      javalin.jetty.multipartConfig.maxFileSize(config.http().maxUploadBytes(), SizeUnit.BYTES);
      javalin.jetty.multipartConfig.maxTotalRequestSize(config.http().maxUploadBytes(), SizeUnit.BYTES);
      javalin.jetty.multipartConfig.maxInMemoryFileSize(1, SizeUnit.MB);
      JettyTuning.apply(javalin);
    });
    warnIfExposed(host, config.access());
    BrowserSafety.install(app, host, config.access());
    ViewerAccess.install(app, config.access().viewerPassword());
    HttpTransport http = HttpTransport.install(app, coordinator, config.http(), new ArtifactStore(dataDir),
        config.access().secretPath(), store, store.restored().tokens());
    coordinator.restore(store.restored(), persistence == Persistence.KEEP_AND_RERUN_INTERRUPTED,
        (transport, uuid) -> HttpTransport.NAME.equals(transport) ? http.channel(uuid) : null);
    StatusPage.install(app, coordinator, clock, () -> notices(matrixHolder.get()), catalogue);
    app.start(host, port);
    // Matrix starts only once HTTP is up: a start that fails must not have consumed Matrix events
    MatrixTransport matrix = matrixSettings == null ? null : MatrixTransport.start(matrixSettings, coordinator, dataDir, clock);
    matrixHolder.set(matrix);
    return new TrafficlightServer(coordinator, app, new Ticker(coordinator, TICK), matrix, store);
  }

  /** A coordinator that could not keep a single file or result must not start as if it could. */
  private static void requireWritable(Path dataDir) throws IOException {
    try {
      java.nio.file.Files.createDirectories(dataDir);
      java.nio.file.Path probe = java.nio.file.Files.createTempFile(dataDir, ".write-check", "");
      java.nio.file.Files.delete(probe);
    } catch (IOException e) {
      throw new IOException("the data folder " + dataDir + " cannot be written (" + e.getMessage()
          + "); give --data a folder this user may write", e);
    }
  }

  /** Listening beyond loopback with no secret says, once, what anyone on the network can do. */
  private static void warnIfExposed(String host, AccessSettings access) {
    boolean loopback = host.equals("localhost") || host.startsWith("127.") || host.equals("::1") || host.equals("[::1]");
    String exposure = loopback ? null : access.exposure();
    if (exposure != null) {
      LoggerFactory.getLogger(TrafficlightServer.class).warn("listening on {} with no access secrets: {}."
          + " Set access.secret_path and access.viewer_password in the config (see README, Operating Trafficlight)",
          host, exposure);
    }
  }

  /** A Matrix transport that cannot reach its homeserver says so on the status page. */
  private static List<Notice> notices(MatrixTransport matrix) {
    if (matrix == null) return List.of();
    MatrixHealth health = matrix.health();
    if (health.healthy() || health.state() == MatrixHealth.State.STARTING) return List.of();
    return List.of(new Notice("Matrix transport", health.state().word() + ": " + health.detail()));
  }

  public Coordinator coordinator() {
    return coordinator;
  }

  public int port() {
    return app.port();
  }

  /**
   * The run is complete and reported: its journal moves aside (to {@link JournalStore#PREVIOUS}), so
   * that the next run on the same data folder starts fresh instead of finding every case ended.
   */
  public void retireJournal() throws IOException {
    if (store instanceof JournalStore journal) journal.retire();
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) return; // a shutdown hook and a try-with-resources may both close it
    ticker.close();
    // closed first: cases still running when the coordinator stops come back interrupted, not as errors of the stop
    store.close();
    coordinator.close(); // ends what still runs and gives its servers back, while clients can still hear their exit
    if (matrix != null) matrix.close();
    app.stop();
  }
}
