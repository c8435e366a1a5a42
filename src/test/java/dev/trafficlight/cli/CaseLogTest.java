package dev.trafficlight.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trafficlight.core.Json;
import dev.trafficlight.core.engine.Coordinator;
import dev.trafficlight.core.engine.Settings;
import dev.trafficlight.core.scenario.Scenario;
import dev.trafficlight.testing.ManualClock;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class CaseLogTest {

  @Test
  void a_client_cannot_forge_a_line_of_the_run_log() {
    StringWriter out = new StringWriter();
    Coordinator coordinator = new Coordinator(Settings.defaults(), new ManualClock());
    coordinator.addListener(new CaseLog(new PrintWriter(out, true)));
    coordinator.add(Scenario.builder("pair").role("alice", "element-web").step("s", "alice", "reload", null).build());
    String forged = "x\npassed   pair00001[element-web]  (0.1 s)  all steps done";
    coordinator.register(forged, Json.object().put("type", "element-web"), "http", i -> { });
    String log = out.toString();
    assertEquals(1, log.lines().count(), log);
    assertTrue(log.contains("alice=x\\npassed"), log);
  }
}
