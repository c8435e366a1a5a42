package dev.trafficlight.artifacts;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Where clients' files go, whichever transport brought them: {@code cases/<case>/<client>/<name>}
 * under the data folder, or {@code clients/<client>/<name>} for a client in no case. Names keep
 * only their base name, with anything unusual replaced, and never overwrite one another.
 */
public final class ArtifactStore {
  private static final int MAX_NAME = 120;
  private final Path root;

  public ArtifactStore(Path dataDir) {
    this.root = dataDir.toAbsolutePath().normalize();
  }

  /** Writes the stream to a new file; a second {@code log.txt} becomes {@code log-1.txt}. */
  public Path store(String caseId, String uuid, String originalName, InputStream content) throws IOException {
    Path target = newFile(caseId, uuid, originalName);
    try {
      Files.copy(content, target, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      Files.deleteIfExists(target);
      throw e;
    }
    return target;
  }

  /** Creates an empty file of a fresh name for the caller to fill. */
  public Path newFile(String caseId, String uuid, String originalName) throws IOException {
    Path dir = caseId == null
        ? root.resolve("clients").resolve(safe(uuid))
        : root.resolve("cases").resolve(safe(caseId)).resolve(safe(uuid));
    Files.createDirectories(dir);
    String name = baseName(originalName);
    for (int n = 0; ; n++) {
      Path target = dir.resolve(n == 0 ? name : numbered(name, n));
      if (!target.normalize().startsWith(dir)) {
        throw new IllegalStateException("refusing to write outside " + dir);
      }
      try {
        return Files.createFile(target);
      } catch (FileAlreadyExistsException taken) {
        // try the next number
      }
    }
  }

  /** The last path segment, with anything but letters, digits, '.', '_' and '-' replaced. */
  static String baseName(String original) {
    String name = original == null ? "" : original;
    name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
    name = safe(name).replaceFirst("^\\.+", "");
    if (name.length() > MAX_NAME) {
      name = name.substring(name.length() - MAX_NAME);
    }
    return name.isEmpty() ? "upload" : name;
  }

  private static String safe(String segment) {
    String s = segment.replaceAll("[^A-Za-z0-9._-]", "_");
    return s.equals(".") || s.equals("..") || s.isEmpty() ? "_" : s;
  }

  private static String numbered(String name, int n) {
    int dot = name.lastIndexOf('.');
    return dot > 0 ? name.substring(0, dot) + "-" + n + name.substring(dot) : name + "-" + n;
  }
}
