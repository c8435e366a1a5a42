package dev.trafficlight.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trafficlight.core.view.CaseView;
import dev.trafficlight.core.port.Artifact;
import dev.trafficlight.core.scenario.Scenario;
import dev.trafficlight.server.ServerConfig;
import dev.trafficlight.testing.Adapter;
import dev.trafficlight.testing.RunningServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class UploadTest {
  private final RunningServer server = new RunningServer(
      new ServerConfig(ServerConfig.defaults().engine(), HttpSettings.defaults().withMaxUploadBytes(64 * 1024), null),
      List.of(Scenario.builder("upload").role("alice", "element-web").step("s", "alice", "reload", null).build()));

  @AfterEach
  void stop() {
    server.close();
  }

  private CaseView kase() {
    return server.server.coordinator().cases().get(0);
  }

  @Test
  void files_of_any_field_name_are_stored_under_the_case_with_safe_base_names() throws Exception {
    Adapter a = server.adapter("a");
    a.register("element-web", "1");
    assertEquals(200, a.upload("upload",
        new String[] {"file", "cypress/videos/trafficlight/a/x.mp4", "video"},
        new String[] {"logs", "../../../../etc/passwd", "not really"},
        new String[] {"other", "..\\..\\windows.ini", "ini"}).status());
    List<Artifact> artifacts = kase().artifacts();
    assertEquals(List.of("x.mp4", "passwd", "windows.ini"), artifacts.stream().map(Artifact::name).toList());
    Path caseDir = server.dataDir.resolve("cases").resolve("upload_element-web_").resolve("a");
    for (Artifact artifact : artifacts) {
      Path stored = Path.of(artifact.location());
      assertTrue(stored.startsWith(caseDir.toAbsolutePath()), stored.toString());
    }
    assertEquals("video", Files.readString(caseDir.resolve("x.mp4")));
  }

  @Test
  void a_second_file_of_the_same_name_does_not_overwrite_the_first() throws Exception {
    Adapter a = server.adapter("a");
    a.register("element-web", "1");
    a.upload("upload", new String[] {"file", "log.txt", "one"});
    a.upload("upload", new String[] {"file", "log.txt", "two"});
    assertEquals(List.of("log.txt", "log-1.txt"), kase().artifacts().stream().map(Artifact::name).toList());
  }

  @Test
  void an_upload_after_exit_still_lands_in_the_case() {
    Adapter a = server.adapter("a");
    a.register("element-web", "1");
    a.poll(0);
    a.respond("{\"response\": \"reloaded\"}");
    assertEquals("exit", a.poll(0).action());
    assertEquals(200, a.upload("upload", new String[] {"file", "late.log", "bye"}).status());
    assertEquals("late.log", kase().artifacts().get(0).name());
  }

  @Test
  void an_upload_beyond_the_limit_is_a_413_in_json() {
    Adapter a = server.adapter("a");
    a.register("element-web", "1");
    Adapter.Reply reply = a.upload("upload", new String[] {"file", "big.bin", "x".repeat(100 * 1024)});
    assertEquals(413, reply.status());
    assertEquals("too_large", reply.body().path("code").asText());
    assertTrue(kase().artifacts().isEmpty());
  }

  @Test
  void an_upload_without_files_is_a_400() {
    Adapter a = server.adapter("a");
    a.register("element-web", "1");
    assertEquals("not_multipart", a.post("upload", "application/json", "{}".getBytes()).body().path("code").asText());
  }

  @Test
  void files_sent_with_an_answer_become_artifacts_too() {
    Adapter a = server.adapter("a");
    a.register("element-web", "1");
    a.poll(0);
    assertEquals(200, a.upload("respond", new String[] {"screenshot", "shot.png", "png"}).status());
    assertEquals("shot.png", kase().artifacts().get(0).name());
    assertEquals("exit", a.poll(0).action());
  }

  @Test
  void files_from_a_uuid_nobody_registered_are_refused_before_they_are_read() throws Exception {
    Adapter stranger = server.adapter("never-registered");
    Adapter.Reply reply = stranger.upload("upload", new String[] {"file", "big.bin", "x".repeat(60 * 1024)});
    assertEquals(404, reply.status());
    assertEquals("unknown_client", reply.body().path("code").asText());
    assertTrue(reply.body().path("error").asText().contains("register before sending files"));
  }

  @Test
  void a_declared_length_past_two_gibibytes_is_refused_up_front() throws Exception {
    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.server.port())) {
      socket.getOutputStream().write(("POST /client/a/upload HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: multipart/form-data; boundary=b\r\n"
          + "Content-Length: 3000000000\r\n\r\n--b\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      String head = new String(socket.getInputStream().readNBytes(12), java.nio.charset.StandardCharsets.US_ASCII);
      assertEquals("HTTP/1.1 413", head);
    }
  }
}
