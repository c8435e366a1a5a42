package dev.trafficlight.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.trafficlight.core.engine.Coordinator;
import dev.trafficlight.core.engine.Settings;
import dev.trafficlight.core.scenario.Scenario;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScenarioListTest {

  private static Scenario scenario(String name, String... types) {
    return Scenario.builder(name).role("alice", types).step("one", "alice", "login", null).build();
  }

  @Test
  void scenarios_are_listed_once_each_in_the_order_they_were_added() {
    Coordinator coordinator = new Coordinator(Settings.defaults(), Clock.systemUTC());
    coordinator.add(scenario("second", "element-web", "hydrogen"));
    coordinator.add(scenario("first", "element-web"));
    assertEquals(List.of("second", "first"), coordinator.scenarios().stream().map(Scenario::name).toList());
  }

  @Test
  void no_scenario_is_listed_before_one_is_added() {
    assertEquals(List.of(), new Coordinator(Settings.defaults(), Clock.systemUTC()).scenarios());
  }
}
