package dev.trafficlight.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trafficlight.core.Json;
import dev.trafficlight.demo.MatrixDrivers;
import dev.trafficlight.homeserver.DemoHomeserver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The demo's Matrix side: a homeserver in this process with an account for the coordinator, the
 * {@code matrix:} config section that points the coordinator's transport at it, and which
 * simulated clients drive through it.
 */
final class DemoMatrix implements AutoCloseable {
  static final String SERVER_NAME = "demo.trafficlight";
  private static final String COORDINATOR = "trafficlight";
  private static final String MARKER = "demo-homeserver";

  private final DemoHomeserver homeserver;
  private final String token;
  private final Set<String> types;

  private DemoMatrix(DemoHomeserver homeserver, Set<String> types) {
    this.homeserver = homeserver;
    this.token = homeserver.register(COORDINATOR, UUID.randomUUID().toString());
    this.types = types;
  }

  /**
   * Starts the homeserver for clients of these types. The transport's state from an earlier demo in
   * the same data folder names rooms of a homeserver that is gone, so it is cleared first; state
   * that is not a demo's is never touched.
   */
  static DemoMatrix start(Set<String> types, Path dataDir) throws IOException {
    Path state = dataDir.resolve("matrix");
    if (Files.isDirectory(state)) {
      if (!Files.exists(state.resolve(MARKER))) {
        throw new IllegalArgumentException(state + " holds the Matrix state of a coordinator that is not a demo's;"
            + " give --data another folder");
      }
      clear(state);
    }
    Files.createDirectories(state);
    Files.writeString(state.resolve(MARKER), "the Matrix state of a demo, cleared when the next demo starts\n");
    return new DemoMatrix(DemoHomeserver.start(SERVER_NAME), types);
  }

  /** The coordinator's {@code matrix:} section: its account, and drivers of this homeserver may invite it. */
  JsonNode configSection() {
    ObjectNode section = Json.object().put("homeserver", homeserver.baseUrl())
        .put("user_id", homeserver.userId(COORDINATOR)).put("access_token", token);
    section.putArray("allowed_inviters").add("*:" + SERVER_NAME);
    return section;
  }

  MatrixDrivers drivers() {
    return new MatrixDrivers(homeserver.baseUrl(), homeserver.userId(COORDINATOR), types);
  }

  String baseUrl() {
    return homeserver.baseUrl();
  }

  private static void clear(Path folder) throws IOException {
    if (!Files.isDirectory(folder)) return;
    try (Stream<Path> files = Files.walk(folder)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) Files.delete(file);
    }
  }

  @Override
  public void close() {
    homeserver.close();
  }
}
