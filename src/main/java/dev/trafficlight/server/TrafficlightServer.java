package dev.trafficlight.server;

import dev.trafficlight.core.engine.Coordinator;
import dev.trafficlight.core.engine.Ticker;
import dev.trafficlight.core.scenario.Scenario;
import dev.trafficlight.http.ArtifactStore;
import dev.trafficlight.http.HttpTransport;
import dev.trafficlight.status.StatusPage;
import io.javalin.Javalin;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/** A running coordinator with its transports: the one thing {@code serve}, {@code run} and tests start. */
public final class TrafficlightServer implements AutoCloseable {
  private static final Duration TICK = Duration.ofMillis(100);

  private final Coordinator coordinator;
  private final Javalin app;
  private final Ticker ticker;

  private TrafficlightServer(Coordinator coordinator, Javalin app, Ticker ticker) {
    this.coordinator = coordinator;
    this.app = app;
    this.ticker = ticker;
  }

  /** Starts on {@code host:port} (port 0 picks a free one) with these scenarios queued. */
  public static TrafficlightServer start(ServerConfig config, List<Scenario> scenarios, String host, int port, Path dataDir) {
    Coordinator coordinator = new Coordinator(config.engine(), Clock.systemUTC());
    scenarios.forEach(coordinator::add);
    Javalin app = Javalin.create(javalin -> {
      javalin.showJavalinBanner = false;
      javalin.http.maxRequestSize = config.http().maxUploadBytes();
      javalin.http.asyncTimeout = 0L;
      javalin.router.ignoreTrailingSlashes = true;
      javalin.http.prefer405over404 = true;
      javalin.jetty.multipartConfig.maxFileSize(config.http().maxUploadBytes(), io.javalin.config.SizeUnit.BYTES);
      javalin.jetty.multipartConfig.maxTotalRequestSize(config.http().maxUploadBytes(), io.javalin.config.SizeUnit.BYTES);
      javalin.jetty.multipartConfig.maxInMemoryFileSize(1, io.javalin.config.SizeUnit.MB);
    });
    HttpTransport.install(app, coordinator, config.http(), new ArtifactStore(dataDir));
    StatusPage.install(app, coordinator);
    app.start(host, port);
    return new TrafficlightServer(coordinator, app, new Ticker(coordinator, TICK));
  }

  public Coordinator coordinator() {
    return coordinator;
  }

  public int port() {
    return app.port();
  }

  @Override
  public void close() {
    ticker.close();
    app.stop();
  }
}
