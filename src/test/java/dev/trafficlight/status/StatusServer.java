package dev.trafficlight.status;

import dev.trafficlight.core.engine.Coordinator;
import dev.trafficlight.core.engine.Settings;
import io.javalin.Javalin;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;

/** A real Javalin on a free loopback port with the status page installed, and a client for it. */
final class StatusServer implements AutoCloseable {
  final Coordinator coordinator;
  final Javalin app;
  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  StatusServer() {
    this(new Coordinator(Settings.defaults(), Clock.systemUTC()));
  }

  StatusServer(Coordinator coordinator) {
    this(coordinator, withStatusPage(coordinator));
  }

  /** Starts an app the caller has set up (with the status page installed). */
  StatusServer(Coordinator coordinator, Javalin app) {
    this.coordinator = coordinator;
    this.app = app;
    app.start("127.0.0.1", 0);
  }

  private static Javalin withStatusPage(Coordinator coordinator) {
    Javalin app = Javalin.create(config -> config.showJavalinBanner = false);
    StatusPage.install(app, coordinator);
    return app;
  }

  String base() {
    return "http://127.0.0.1:" + app.port();
  }

  HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Override
  public void close() {
    app.stop();
  }
}
