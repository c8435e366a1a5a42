package dev.trafficlight.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.trafficlight.core.view.CaseState;
import dev.trafficlight.core.view.CaseView;
import dev.trafficlight.core.scenario.ScenarioReader;
import dev.trafficlight.server.ServerConfig;
import dev.trafficlight.testing.Adapter;
import dev.trafficlight.testing.RunningServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The server as {@code serve} starts it, with a {@code matrix:} section in its config: an example
 * scenario played by a Matrix driver and an HTTP adapter, watched on the status page.
 */
class ExampleScenarioOverMatrixTest {

  @Test
  void history_visibility_runs_with_alice_in_a_matrix_room_and_bob_over_http() throws Exception {
    try (FakeHomeserver hs = new FakeHomeserver()) {
      String token = hs.register("trafficlight", "coordinator-password");
      JsonNode yaml = new YAMLMapper().readTree("""
          http: {hold: 300ms}
          matrix:
            homeserver: %s
            user_id: "%s"
            access_token: %s
            allowed_inviters: ["*:%s"]
            sync_timeout: 300ms
          """.formatted(hs.baseUrl(), MatrixHarness.COORDINATOR, token, FakeHomeserver.SERVER_NAME));
      ServerConfig config = ServerConfig.parse(yaml);
      try (RunningServer server = new RunningServer(config,
          List.of(ScenarioReader.read(Path.of("examples/scenarios/history_visibility.yaml"))));
          TestDriver alice = new TestDriver(hs, "alice", MatrixHarness.COORDINATOR, TestDriver.Style.PROGRAM)) {
        alice.open().register("element-web");
        CompletableFuture<Void> bob = CompletableFuture.runAsync(() -> {
          Adapter adapter = server.adapter("bob-http");
          adapter.register("hydrogen-web", "0.4");
          for (String action = ""; !action.equals("exit"); ) {
            action = adapter.poll().action();
            if (!action.equals("idle") && !action.equals("exit")) adapter.respond("{\"response\": \"done\"}");
          }
        });
        alice.awaitExit(Duration.ofSeconds(20));
        bob.get(20, TimeUnit.SECONDS);

        CaseView kase = server.server.coordinator().caseView("history_visibility[element-web, hydrogen-web]").orElseThrow();
        assertEquals(CaseState.PASSED, kase.state(), kase.reason());
        assertEquals(List.of("register", "create_room", "change_room_history_visibility", "send_message",
            "invite_user", "send_message"), alice.actionNames().stream().filter(a -> !a.equals("exit")).toList());
        String status = adapterGet(server.url + "/status");
        assertTrue(status.contains(">matrix<") && status.contains(">http<"), "the status page shows each client's transport");
      }
    }
  }

  private static String adapterGet(String url) throws Exception {
    java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
    return http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).build(),
        java.net.http.HttpResponse.BodyHandlers.ofString()).body();
  }
}
