package dev.trafficlight.matrix;

import dev.trafficlight.artifacts.ArtifactStore;
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
 * Downloads files drivers share in their rooms into the {@link ArtifactStore} and attaches them to the client's case, on a thread of its own so that sync never waits for media.
 */
final class ArtifactFetcher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ArtifactFetcher.class);

  private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "matrix-media");
    t.setDaemon(true);
    return t;
  });
  private final ClientPort port;
  private final Outbox outbox;
  private final ArtifactStore store;
  private final long maxBytes;

  ArtifactFetcher(ClientPort port, Outbox outbox, ArtifactStore store, long maxBytes) {
    this.port = port;
    this.outbox = outbox;
    this.store = store;
    this.maxBytes = maxBytes;
  }

  void fetch(String uuid, ControlContent.FileShare file) {
    executor.execute(() -> {
      try {
        Path target = store.newFile(port.caseOf(uuid).orElse(null), uuid, file.name());
        Long size = outbox.withRetries("download " + file.url(), api -> api.download(file.url(), target, maxBytes));
        if (size == null) {
          Files.deleteIfExists(target);
        } else {
          port.attach(uuid, new Artifact(target.getFileName().toString(), target.toAbsolutePath().toString(),
              size, file.mimeType()));
        }
      } catch (IOException | UncheckedIOException e) {
        LOG.warn("could not store {} from client {}: {}", file.name(), uuid, e.getMessage());
      }
    });
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
