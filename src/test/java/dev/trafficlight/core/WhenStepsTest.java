package dev.trafficlight.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.trafficlight.core.scenario.Scenario;
import dev.trafficlight.core.scenario.StateMachine;
import dev.trafficlight.core.view.CaseView;
import dev.trafficlight.testing.ScriptedClients;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Steps that differ by the type a role (or server) was cast as: web registers, mobile logs in. */
class WhenStepsTest {
  private static final String SCENARIO = """
      name: either
      roles: {alice: [element-web, element-android]}
      servers: {hs: [synapse, dendrite]}
      steps:
        - name: web_registers
          when: {alice: element-web}
          do: {alice: register}
        - name: mobile_logs_in
          when: {alice: [element-android]}
          do: {alice: login}
        - name: dendrite_only
          when: {hs: dendrite}
          do: {alice: check_dendrite}
        - do: {alice: send_message}
      """;

  private List<String> actionsFor(String type) {
    EngineFixture f = new EngineFixture();
    f.coordinator.add(ScenarioReaderTest.yaml(SCENARIO));
    ScriptedClients clients = new ScriptedClients(f.coordinator).add("a", type, ScriptedClients::done).runUntilExit();
    CaseView ran = f.coordinator.cases().stream().filter(c -> c.state().isFinal()).findFirst().orElseThrow();
    assertEquals("all steps done", ran.reason());
    return clients.log().stream().map(l -> l.substring(2)).toList();
  }

  @Test
  void a_step_runs_only_in_cases_where_its_role_was_cast_as_one_of_the_types_given() {
    assertEquals(List.of("register", "send_message"), actionsFor("element-web"));
    assertEquals(List.of("login", "send_message"), actionsFor("element-android"));
  }

  @Test
  void a_server_type_may_decide_too_and_a_skipped_step_is_on_the_timeline() {
    EngineFixture f = new EngineFixture();
    f.coordinator.add(ScenarioReaderTest.yaml(SCENARIO));
    f.register("a", "element-web");
    f.done("a");
    assertEquals("send_message", f.action("a").name(), "the first case runs on synapse");
    CaseView kase = f.kase("either[element-web | synapse]");
    assertEquals(List.of("web_registers", "mobile_logs_in", "dendrite_only", "step-4"), kase.visitedSteps());
    assertEquals("skipped: it runs only when hs is dendrite", kase.timeline().stream()
        .filter(e -> "skipped".equals(e.name()) && "dendrite_only".equals(e.step())).findFirst().orElseThrow().text());
  }

  @Test
  void the_machine_passes_a_skipped_step_over_to_the_next_one() {
    StateMachine m = ScenarioReaderTest.yaml(SCENARIO).machine();
    StateMachine.Transition skip = StateMachine.first(m.state("web_registers"), StateMachine.Trigger.Skipped.class);
    assertEquals(new dev.trafficlight.core.scenario.Target.Step("mobile_logs_in"), skip.target());
    assertEquals(Map.of("alice", List.of("element-web")), ((StateMachine.Trigger.Skipped) skip.trigger()).when());
  }

  @Test
  void the_builder_says_the_same() {
    Scenario s = Scenario.builder("b").role("alice", "element-web", "element-ios")
        .step("web", "alice", "register", null).when("alice", "element-web")
        .step("all", "alice", "reload", null).build();
    assertEquals(Map.of("alice", List.of("element-web")), s.steps().get(0).options().when());
  }

  @Test
  void misuse_is_named_with_its_line() {
    assertEquals("test.yaml:4: 'alice' is never cast as 'element-ios' in this scenario, so the step would never run; its types "
        + "are [element-web, element-android]", ScenarioReaderTest.problem("""
        roles: {alice: [element-web, element-android]}
        steps:
          - do: {alice: x}
            when: {alice: element-ios}
        """).getMessage());
    assertEquals("test.yaml:4: 'when' names 'bob', which is no role or server; roles are [alice]", ScenarioReaderTest.problem("""
        roles: {alice: element-web}
        steps:
          - do: {alice: x}
            when: {bob: element-web}
        """).getMessage());
  }
}
