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
      alice.register("element-web", "1");
      Files.writeString(server.dataDir.resolve("cases"), "the cases folder cannot be made now");
      Adapter.Reply reply = alice.upload("upload", new String[] {"a", "one.txt", "1"}, new String[] {"b", "two.txt", "2"});
      assertEquals(503, reply.status());
      assertEquals("storage_unavailable", reply.body().path("code").asText());
      assertTrue(reply.body().path("error").asText().contains("no file of this request was kept"));
      assertEquals("30", reply.headers().firstValue("Retry-After").orElse(""));
      assertTrue(server.server.coordinator().cases().get(0).artifacts().isEmpty(), "nothing attached");
    }
  }

  @Test
  void a_full_disk_is_a_507() {
    ApiError full = StorageError.of(new IOException("No space left on device"));
    assertEquals(507, full.status);
    assertEquals("storage_full", full.code);
  }

  @Test
  void files_past_a_clients_quota_are_refused_before_they_are_read() {
    ServerConfig config = new ServerConfig(ServerConfig.defaults().engine(),
        HttpSettings.defaults().withQuotas(new UploadLimits(2048, 1L << 30, 1L << 30)), null);
    try (RunningServer server = new RunningServer(config, List.of(Scenario.builder("s").role("alice", "element-web")
        .step("s", "alice", "reload", null).build()))) {
      Adapter alice = server.adapter("alice");
      alice.register("element-web", "1");
      assertEquals(200, alice.upload("upload", new String[] {"a", "one.txt", "x".repeat(1000)}).status());
      Adapter.Reply over = alice.upload("upload", new String[] {"b", "two.txt", "x".repeat(1500)});
      assertEquals(413, over.status());
      assertEquals("quota_exceeded", over.body().path("code").asText());
      assertTrue(over.body().path("error").asText().contains("client alice"), over.body().toString());
      assertEquals(1, server.server.coordinator().cases().get(0).artifacts().size(), "the first file only");
    }
  }

  @Test
  void files_from_a_client_that_was_never_in_a_case_are_refused() {
    try (RunningServer server = new RunningServer(Scenario.builder("s").role("alice", "element-web")
        .step("s", "alice", "reload", null).build())) {
      Adapter idle = server.adapter("idle");
      idle.register("hydrogen", "1");
      Adapter.Reply reply = idle.upload("upload", new String[] {"a", "one.txt", "1"});
      assertEquals(409, reply.status());
      assertEquals("no_case", reply.body().path("code").asText());
    }
  }
}
