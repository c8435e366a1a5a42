package dev.trafficlight.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trafficlight.core.engine.Coordinator;
import dev.trafficlight.core.engine.Settings;
import dev.trafficlight.core.scenario.Scenario;
import java.time.Clock;
import org.junit.jupiter.api.Test;

class MatrixViewTest {
  private final Coordinator coordinator = new Coordinator(Settings.defaults(), Clock.systemUTC());

  private String matrixOf(Scenario scenario) {
    coordinator.add(scenario);
    return MatrixView.render(scenario, coordinator.cases());
  }

  @Test
  void with_three_roles_each_column_is_a_combination_of_the_other_roles_types() {
    String html = matrixOf(Scenario.builder("trio")
        .role("alice", "element-web", "hydrogen").role("bob", "element-x").role("carol", "fluffychat", "nheko")
        .step("hello", "alice", "say_hello", null).build());
    assertTrue(html.contains("<th class=\"corner\">alice ╲ bob, carol</th>"), html);
    assertTrue(html.contains("<th scope=\"col\">element-x, fluffychat</th><th scope=\"col\">element-x, nheko</th>"));
    assertEquals(4, html.split("data-cell=", -1).length - 1, "one cell per case");
    assertTrue(html.contains("data-cell=\"trio[hydrogen, element-x, nheko]\""));
  }

  @Test
  void with_one_role_there_is_one_row_of_outcomes() {
    String html = matrixOf(Scenario.builder("solo").role("alice", "element-web", "hydrogen")
        .step("hello", "alice", "say_hello", null).build());
    assertTrue(html.contains("<tr><th scope=\"row\">element-web</th>"), html);
    assertTrue(html.contains("<th scope=\"col\">outcome</th>"));
    assertEquals(2, html.split("data-cell=", -1).length - 1);
  }

  @Test
  void a_role_open_to_any_type_is_shown_as_any() {
    String html = matrixOf(Scenario.builder("open").role("alice").role("bob", "hydrogen")
        .step("hello", "alice", "say_hello", null).build());
    assertTrue(html.contains("<tr><th scope=\"row\">any</th><td class=\"cell state-waiting\" data-cell=\"open[any, hydrogen]\""), html);
  }
}
