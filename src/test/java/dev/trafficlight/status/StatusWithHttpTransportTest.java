package dev.trafficlight.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trafficlight.core.Json;
import dev.trafficlight.core.engine.Coordinator;
import dev.trafficlight.core.engine.Settings;
import dev.trafficlight.artifacts.ArtifactStore;
import dev.trafficlight.http.HttpSettings;
import dev.trafficlight.http.HttpTransport;
import dev.trafficlight.testing.Adapter;
import io.javalin.Javalin;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The status page beside the HTTP client transport on one server, as {@code serve} runs them. */
class StatusWithHttpTransportTest {
  @TempDir
  Path dataDir;

  @Test
  void a_case_played_over_http_shows_up_in_the_api_with_its_uploaded_file() throws Exception {
    Coordinator coordinator = new Coordinator(Settings.defaults(), Clock.systemUTC());
    coordinator.add(Fixtures.chat());
    Javalin app = Javalin.create(config -> {
      config.showJavalinBanner = false;
      config.router.ignoreTrailingSlashes = true;
      config.http.prefer405over404 = true;
    });
    HttpTransport.install(app, coordinator, HttpSettings.defaults(), new ArtifactStore(dataDir));
    StatusPage.install(app, coordinator);
    try (StatusServer server = new StatusServer(coordinator, app)) {
      Adapter alice = new Adapter(server.base(), "alice-1");
      Adapter bob = new Adapter(server.base(), "bob-1");
      assertEquals(200, alice.register("element-web", "1.11").status());
      assertEquals(200, bob.register("element-web", "1.11").status());
      assertEquals("send_message", alice.poll(1000).action());
      assertEquals(200, alice.upload("upload", new String[] {"file", "console.log", "line one\n"}).status());
      assertEquals(200, alice.respond("{\"response\": \"sent\"}").status());
      assertEquals("wait_for_message", bob.poll(1000).action());
      assertEquals(200, bob.respond("{\"response\": \"received\"}").status());

      JsonNode kase = StatusApiTest.json(server.get("/api/cases/" + Links.segment("chat[element-web, element-web]")));
      assertEquals("passed", kase.path("state").asText());
      assertEquals("console.log", kase.at("/artifacts/0/name").asText());
      HttpResponse<String> file = server.get(kase.at("/artifacts/0/url").asText());
      assertEquals("line one\n", file.body());
      assertTrue(file.headers().firstValue("Content-Disposition").orElse("").startsWith("attachment;"));

      HttpResponse<String> missing = server.get("/api/cases/nothing");
      assertEquals(404, missing.statusCode());
      assertEquals("not_found", Json.parse(missing.body()).path("code").asText());
      assertEquals(200, server.get("/status/").statusCode(), "a trailing slash is fine");
    }
  }
}
