package dev.trafficlight.status;

import static dev.trafficlight.status.Fixtures.register;
import static dev.trafficlight.status.Fixtures.registration;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trafficlight.core.port.Artifact;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArtifactFilesTest {
  private static final String CASE = Links.segment("chat[element-web, element-web]");

  @TempDir
  Path dir;

  private StatusServer serverWithFiles(Artifact... files) {
    StatusServer server = new StatusServer();
    server.coordinator.add(Fixtures.chat());
    register(server.coordinator, "a1", registration("element-web", "1.11"));
    register(server.coordinator, "b1", registration("element-web", "1.11"));
    for (Artifact file : files) server.coordinator.attach("a1", server.coordinator.caseOf("a1").orElse(null), file);
    return server;
  }

  @Test
  void an_uploaded_html_file_is_served_as_plain_text_to_download_never_as_a_page() throws Exception {
    Path file = Files.writeString(dir.resolve("stored-1"), "<script>alert(1)</script>");
    try (StatusServer server = serverWithFiles(new Artifact("<img onerror=x>.html", file.toString(), 25, "text/html"))) {
      HttpResponse<String> response = server.get("/status/case/" + CASE + "/files/0");
      assertEquals(200, response.statusCode());
      assertEquals("<script>alert(1)</script>", response.body());
      assertEquals("text/plain;charset=utf-8", response.headers().firstValue("Content-Type").orElse("").replace(" ", ""));
      assertEquals("nosniff", response.headers().firstValue("X-Content-Type-Options").orElse(""));
      String disposition = response.headers().firstValue("Content-Disposition").orElse("");
      assertTrue(disposition.startsWith("attachment; filename=\"_img_onerror_x_.html\""), disposition);
      assertTrue(disposition.contains("filename*=UTF-8''%3Cimg%20onerror%3Dx%3E.html"), disposition);
      assertTrue(response.headers().firstValue("Content-Security-Policy").orElse("").contains("sandbox"));

      String page = server.get("/status/case/" + CASE).body();
      assertTrue(page.contains("&lt;img onerror=x&gt;.html</a>"), "the file name is escaped in the link");
      assertFalse(page.contains("<img onerror"));
    }
  }

  @Test
  void a_binary_file_is_an_octet_stream_and_its_name_cannot_carry_a_path_or_quote() throws Exception {
    Path file = Files.write(dir.resolve("stored-2"), new byte[] {1, 2, 3});
    try (StatusServer server = serverWithFiles(new Artifact("../../etc/\"video\".webm", file.toString(), 3, "video/webm"))) {
      HttpResponse<byte[]> response = server.http.send(
          java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.base() + "/status/case/" + CASE + "/files/0")).build(),
          HttpResponse.BodyHandlers.ofByteArray());
      assertEquals(3, response.body().length);
      assertEquals("application/octet-stream", response.headers().firstValue("Content-Type").orElse(""));
      String disposition = response.headers().firstValue("Content-Disposition").orElse("");
      assertTrue(disposition.startsWith("attachment; filename=\"_video_.webm\";"), disposition);
    }
  }

  @Test
  void a_missing_file_number_or_a_vanished_file_is_a_404_with_a_reason() throws Exception {
    try (StatusServer server = serverWithFiles(new Artifact("log.txt", dir.resolve("gone").toString(), 9, "text/plain"))) {
      HttpResponse<String> vanished = server.get("/status/case/" + CASE + "/files/0");
      assertEquals(404, vanished.statusCode());
      assertTrue(vanished.body().contains("no longer on disk"), vanished.body());
      assertEquals(404, server.get("/status/case/" + CASE + "/files/7").statusCode());
      assertEquals(404, server.get("/status/case/" + CASE + "/files/x").statusCode());
      assertEquals(404, server.get("/status/case/nothing/files/0").statusCode());
    }
  }
}
