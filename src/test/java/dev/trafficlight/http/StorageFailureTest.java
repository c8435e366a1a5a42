package dev.trafficlight.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trafficlight.core.scenario.Scenario;
import dev.trafficlight.server.ServerConfig;
import dev.trafficlight.server.TrafficlightServer;
import dev.trafficlight.testing.Adapter;
import dev.trafficlight.testing.RunningServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The coordinator's own disk failing is its problem, said as such, and leaves nothing half-kept. */
class StorageFailureTest {

  @Test
  void a_data_folder_that_cannot_be_written_stops_the_start_with_one_clear_message(@TempDir Path dir) throws Exception {
    Path notAFolder = Files.writeString(dir.resolve("data"), "a file where the folder should be");
    IOException e = assertThrows(IOException.class,
        () -> TrafficlightServer.start(ServerConfig.defaults(), List.of(), "127.0.0.1", 0, notAFolder));
    assertTrue(e.getMessage().contains("cannot be written"), e.getMessage());
  }

  @Test
  void files_the_disk_cannot_take_are_a_503_with_retry_after_and_nothing_is_attached() throws Exception {
    try (RunningServer server = new RunningServer(Scenario.builder("s").role("alice", "element-web")
        .step("s", "alice", "reload", null).build())) {
      Adapter alice = server.adapter("alice");
      alice.register("hydrogen", "1");
      Files.writeString(server.dataDir.resolve("clients"), "the clients folder cannot be made now");
      Adapter.Reply reply = alice.upload("upload", new String[] {"a", "one.txt", "1"}, new String[] {"b", "two.txt", "2"});
      assertEquals(503, reply.status());
      assertEquals("storage_unavailable", reply.body().path("code").asText());
      assertTrue(reply.body().path("error").asText().contains("no file of this request was kept"));
      assertTrue(server.server.coordinator().clients().get(0).registration().isObject());
    }
  }

  @Test
  void a_full_disk_is_a_507() {
    ApiError full = StorageError.of(new IOException("No space left on device"));
    assertEquals(507, full.status);
    assertEquals("storage_full", full.code);
  }
}
