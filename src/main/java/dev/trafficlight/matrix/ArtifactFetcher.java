package dev.trafficlight.matrix;

import dev.trafficlight.artifacts.ArtifactStore;
import dev.trafficlight.core.port.Artifact;
import dev.trafficlight.core.port.ClientPort;
import dev.trafficlight.core.port.Receipt;
import dev.trafficlight.matrix.model.ControlContent;
import dev.trafficlight.matrix.model.MxcUri;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Downloads the files drivers share into the {@link ArtifactStore} and attaches them to the
 * client's case. Off the sync thread, in order within a room and side by side across rooms; a
 * download is tried a few times, then given up with a notice, and only a complete file ever
 * appears among the artifacts. A file that cannot be fetched at all is refused at once.
 */
final class ArtifactFetcher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ArtifactFetcher.class);
  private static final int ATTEMPTS = 3;
  private static final int PARALLEL_DOWNLOADS = 2;

  private final KeyedLanes lanes = new KeyedLanes("matrix-media", PARALLEL_DOWNLOADS);
  private final ClientPort port;
  private final Calls calls;
  private final Notices notices;
  private final ArtifactStore store;
  private final Path partial;
  private final long maxBytes;

  ArtifactFetcher(ClientPort port, Calls calls, Notices notices, ArtifactStore store, Path partial, long maxBytes) {
    this.port = port;
    this.calls = calls;
    this.notices = notices;
    this.store = store;
    this.partial = partial;
    this.maxBytes = maxBytes;
  }

  /** Fetches the file a driver shared in event {@code eventId} of {@code roomId}, for client {@code uuid}. */
  void fetch(String roomId, String eventId, String uuid, ControlContent.FileShare file) {
    if (MxcUri.parse(file.url()).isEmpty()) {
      String why = file.url().isEmpty() ? "the event has no url (files in encrypted rooms cannot be read)"
          : "its url is not an mxc:// URI";
      notices.say(roomId, eventId, uuid, Receipt.Status.REFUSED, "file " + file.name() + " not stored: " + why);
      return;
    }
    // the case is taken now, in the room's order: by the time the download ends, the client may be in its next case
    String caseId = port.caseOf(uuid).orElse(null);
    lanes.execute(roomId, () -> {
      try {
        store(uuid, caseId, file);
      } catch (Calls.Closed closed) {
        LOG.debug("not stored, the transport closed: {}", file.name());
      } catch (IOException | UncheckedIOException e) {
        LOG.warn("could not store {} from client {}: {}", file.name(), uuid, e.getMessage());
        notices.say(roomId, eventId, uuid, Receipt.Status.REFUSED, "file " + file.name() + " not stored: " + e.getMessage());
      }
    });
  }

  private void store(String uuid, String caseId, ControlContent.FileShare file) throws IOException {
    Files.createDirectories(partial);
    Path download = Files.createTempFile(partial, "download-", ".part");
    try {
      long size = calls.run(api -> api.download(file.url(), download, maxBytes), ATTEMPTS);
      Path target = store.newFile(caseId, uuid, file.name());
      Files.move(download, target, StandardCopyOption.REPLACE_EXISTING);
      port.attach(uuid, caseId, new Artifact(target.getFileName().toString(), target.toAbsolutePath().toString(), size,
          file.mimeType()));
    } finally {
      Files.deleteIfExists(download);
    }
  }

  @Override
  public void close() {
    lanes.close();
  }
}
