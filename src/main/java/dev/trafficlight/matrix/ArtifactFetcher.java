package dev.trafficlight.matrix;

import dev.trafficlight.core.port.Artifact;
import dev.trafficlight.core.port.ClientPort;
import dev.trafficlight.matrix.model.ControlContent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Downloads files drivers share in their rooms into {@code <dataDir>/cases/<case>/<uuid>/} and
 * attaches them to the client's case, on a thread of its own so that sync never waits for media.
 */
final class ArtifactFetcher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ArtifactFetcher.class);
  static final String NO_CASE = "no-case";

  private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "matrix-media");
    t.setDaemon(true);
    return t;
  });
  private final ClientPort port;
  private final Outbox outbox;
  private final Path dataDir;
  private final long maxBytes;

  ArtifactFetcher(ClientPort port, Outbox outbox, Path dataDir, long maxBytes) {
    this.port = port;
    this.outbox = outbox;
    this.dataDir = dataDir;
    this.maxBytes = maxBytes;
  }

  void fetch(String uuid, ControlContent.FileShare file) {
    executor.execute(() -> {
      String caseId = port.caseOf(uuid).orElse(NO_CASE);
      Path dir = dataDir.resolve("cases").resolve(safeName(caseId, 200)).resolve(safeName(uuid, 100));
      try {
        Files.createDirectories(dir);
        Path target = unique(dir, safeName(file.name(), 100));
        Long size = outbox.withRetries("download " + file.url(), api -> api.download(file.url(), target, maxBytes));
        if (size != null) {
          port.attach(uuid, new Artifact(target.getFileName().toString(), target.toAbsolutePath().toString(),
              size, file.mimeType()));
        }
      } catch (IOException | UncheckedIOException e) {
        LOG.warn("could not store {} from client {}: {}", file.name(), uuid, e.getMessage());
      }
    });
  }

  /** A file name that cannot leave its directory: the base name, plain characters only. */
  static String safeName(String name, int maxLength) {
    String base = name.replace('\\', '/');
    base = base.substring(base.lastIndexOf('/') + 1).replaceAll("[^A-Za-z0-9._-]", "_").replaceAll("^[.]+", "");
    if (base.length() > maxLength) {
      base = base.substring(base.length() - maxLength);
    }
    return base.isEmpty() ? "file" : base;
  }

  private static Path unique(Path dir, String name) {
    Path candidate = dir.resolve(name);
    for (int n = 1; Files.exists(candidate); n++) {
      candidate = dir.resolve(n + "-" + name);
    }
    return candidate;
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
