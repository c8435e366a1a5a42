package dev.trafficlight.testing;

import dev.trafficlight.core.scenario.Scenario;
import dev.trafficlight.server.ServerConfig;
import dev.trafficlight.server.TrafficlightServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A real server on a free loopback port, with its own data folder; close it after the test. */
public final class RunningServer implements AutoCloseable {
  public final TrafficlightServer server;
  public final Path dataDir;
  public final String url;

  public RunningServer(ServerConfig config, List<Scenario> scenarios) {
    try {
      dataDir = Files.createTempDirectory("trafficlight-test");
      server = TrafficlightServer.start(config, scenarios, "127.0.0.1", 0, dataDir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    url = "http://127.0.0.1:" + server.port();
  }

  public RunningServer(Scenario... scenarios) {
    this(ServerConfig.defaults(), List.of(scenarios));
  }

  public Adapter adapter(String uuid) {
    return new Adapter(url, uuid);
  }

  @Override
  public void close() {
    server.close();
  }
}
