package dev.trafficlight.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trafficlight.core.Json;
import dev.trafficlight.core.view.CaseState;
import dev.trafficlight.core.view.CaseView;
import dev.trafficlight.core.view.ClientView;
import dev.trafficlight.artifacts.ArtifactStore;
import dev.trafficlight.http.HttpSettings;
import dev.trafficlight.http.HttpTransport;
import io.javalin.Javalin;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One case played by a Matrix driver and an HTTP adapter together. */
class MixedTransportsTest {
  private static final MediaType JSON = MediaType.get("application/json");

  @TempDir
  Path dataDir;

  @Test
  void a_matrix_driver_and_an_http_adapter_share_one_case() throws Exception {
    try (MatrixHarness h = new MatrixHarness(dataDir).start()) {
      Javalin app = Javalin.create();
      HttpTransport.install(app, h.coordinator, HttpSettings.defaults().withDefaultHold(Duration.ofMillis(300)),
          new ArtifactStore(dataDir));
      app.start("127.0.0.1", 0);
      try {
        String caseId = h.add(MatrixTransportTest.chat());
        TestDriver alice = h.driver("alice", TestDriver.Style.PROGRAM).open().register("element-web");
        List<String> bobActions = new CopyOnWriteArrayList<>();
        Thread bob = new Thread(() -> httpAdapter("http://127.0.0.1:" + app.port(), "bob-http", bobActions));
        bob.start();

        CaseView kase = h.awaitEnd(caseId, Duration.ofSeconds(15));
        bob.join(5000);

        assertEquals(CaseState.PASSED, kase.state(), kase.reason());
        assertEquals(List.of("create_room", "send_message"), alice.actionNames());
        assertEquals(List.of("accept_invite", "verify_message_in_timeline"), bobActions);
        Map<String, String> transports = h.coordinator.clients().stream()
            .collect(Collectors.toMap(ClientView::type, ClientView::transport));
        assertEquals(Map.of("element-web", "matrix", "hydrogen-web", "http"), transports);
      } finally {
        app.stop();
      }
    }
  }

  /** An adapter loop as the existing HTTP adapters run it: register, poll, respond, stop on exit. */
  private static void httpAdapter(String base, String uuid, List<String> actions) {
    OkHttpClient http = new OkHttpClient();
    try {
      post(http, base + "/client/" + uuid + "/register", "{\"type\": \"hydrogen-web\", \"version\": \"UNKNOWN\"}");
      while (true) {
        JsonNode poll;
        try (Response response = http.newCall(new Request.Builder().url(base + "/client/" + uuid + "/poll").build()).execute()) {
          poll = Json.parse(response.body().string());
        }
        String action = poll.path("action").asText();
        if (action.equals("exit")) {
          return;
        }
        if (!action.equals("idle")) {
          actions.add(action);
          post(http, base + "/client/" + uuid + "/respond", "{\"response\": \"done\"}");
        }
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static void post(OkHttpClient http, String url, String body) throws Exception {
    try (Response response = http.newCall(new Request.Builder().url(url).post(RequestBody.create(body, JSON)).build()).execute()) {
      assertEquals(200, response.code(), url);
    }
  }
}
