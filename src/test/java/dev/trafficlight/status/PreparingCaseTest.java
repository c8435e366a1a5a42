package dev.trafficlight.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trafficlight.core.Json;
import dev.trafficlight.core.engine.Coordinator;
import dev.trafficlight.core.engine.Services;
import dev.trafficlight.core.engine.Settings;
import dev.trafficlight.core.scenario.Scenario;
import dev.trafficlight.testing.FakeProvider;
import dev.trafficlight.testing.ManualExecutor;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A case whose servers are being made shows as preparing, with its server types, on the page and in the API. */
class PreparingCaseTest {
  @Test
  void a_preparing_case_is_shown_as_such() throws Exception {
    ManualExecutor threads = new ManualExecutor();
    Coordinator coordinator = new Coordinator(Settings.defaults(), Clock.systemUTC(),
        new Services(new FakeProvider(), threads, Duration.ofSeconds(1)));
    try (StatusServer server = new StatusServer(coordinator)) {
      coordinator.add(Scenario.builder("fresh").role("alice", "element-web").server("hs", "synapse", "dendrite")
          .step("go", "alice", "reload", null).build());
      Fixtures.register(coordinator, "a", Fixtures.registration("element-web", "1.0"));

      String html = server.get("/status").body();
      assertTrue(html.contains("data-state=\"preparing\"><b>1</b> preparing"), "a count of preparing cases");
      assertTrue(html.contains("<td class=\"cell state-preparing\" data-cell=\"fresh[element-web | synapse]\""),
          "the matrix has a column per server type");
      assertTrue(html.contains("preparing its servers [hs]"), html);
      var api = Json.parse(server.get("/api/cases").body());
      assertEquals("preparing", api.path("cases").path(0).path("state").asText(), api.toString());
      assertEquals("synapse", api.path("cases").path(0).path("server_types").path("hs").asText());
      threads.runAll();
      assertEquals("running", Json.parse(server.get("/api/cases").body()).path("cases").path(0).path("state").asText());
    }
  }
}
