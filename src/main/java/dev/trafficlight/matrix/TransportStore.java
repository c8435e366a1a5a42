package dev.trafficlight.matrix;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trafficlight.core.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * What the transport keeps across restarts under {@code <dataDir>/matrix/}: the sync token (so a
 * restart neither replays old answers nor misses new ones), the access token from a password
 * login, and the control rooms. Every write replaces its file atomically.
 * Writes are serialized, so two writers of one file never share its temporary name.
 */
final class TransportStore {
  static final String SINCE = "since";
  static final String TOKEN = "access_token";
  static final String ROOMS = "rooms.json";

  private final Path dir;

  TransportStore(Path dataDir) {
    this.dir = dataDir.resolve("matrix");
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + dir, e);
    }
  }

  Optional<String> since() {
    return read(SINCE);
  }

  void saveSince(String token) {
    write(SINCE, token);
  }

  Optional<String> accessToken() {
    return read(TOKEN);
  }

  void saveAccessToken(String token) {
    write(TOKEN, token);
  }

  /** Where downloads are written until they are complete. */
  Path partialDownloads() {
    return dir.resolve("downloads");
  }

  Optional<JsonNode> rooms() {
    return read(ROOMS).map(Json::parse);
  }

  void saveRooms(JsonNode rooms) {
    write(ROOMS, rooms.toPrettyString());
  }

  private Optional<String> read(String name) {
    Path file = dir.resolve(name);
    try {
      return Files.exists(file) ? Optional.of(Files.readString(file, StandardCharsets.UTF_8).trim()).filter(s -> !s.isEmpty())
          : Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  private synchronized void write(String name, String text) {
    Path file = dir.resolve(name);
    Path temp = dir.resolve(name + ".tmp");
    try {
      Files.writeString(temp, text, StandardCharsets.UTF_8);
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
