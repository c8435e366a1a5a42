package dev.trafficlight.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trafficlight.core.scenario.Scenario;
import dev.trafficlight.core.scenario.StateMachine;
import dev.trafficlight.core.scenario.Step;
import dev.trafficlight.core.scenario.Target;
import dev.trafficlight.core.view.CaseState;
import dev.trafficlight.core.view.CaseView;
import dev.trafficlight.core.view.TimelineEntry;
import dev.trafficlight.report.JUnitReport;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A soft check that does not hold records a warning; the case goes on and passes with warnings. */
class SoftChecksTest {
  private final EngineFixture f = new EngineFixture();

  private CaseView run(String timeline) {
    f.coordinator.add(ScenarioReaderTest.yaml("""
        name: soft
        roles: {bob: element-web}
        steps:
          - do: {bob: get_timeline}
          - name: fast_enough
            check: "${bob.took_ms}"
            matches: "^\\\\d{1,3}$"
            message: the timeline took a second or more
            soft: true
          - name: has_hello
            check: "${bob.timeline}"
            contains: hello
          - do: {bob: reload}
        """));
    f.register("b", "element-web");
    f.answer("b", timeline);
    f.done("b");
    return f.only();
  }

  @Test
  void a_soft_check_that_does_not_hold_warns_and_the_case_goes_on_to_pass() {
    CaseView kase = run("{\"response\": \"ok\", \"took_ms\": 1500, \"timeline\": [\"hello\"]}");
    assertEquals(CaseState.PASSED, kase.state());
    assertEquals(List.of("check 'fast_enough': the timeline took a second or more: expected ${bob.took_ms} (= '1500') "
        + "matches '^\\d{1,3}$'"), kase.warnings());
    assertTrue(kase.timeline().stream().anyMatch(e -> e.kind() == TimelineEntry.Kind.CHECK && "warning".equals(e.name())));
    assertEquals(List.of("step-1", "fast_enough", "has_hello", "step-4"), kase.visitedSteps());
  }

  @Test
  void a_soft_check_that_holds_leaves_no_warning_and_hard_checks_still_fail() {
    CaseView kase = run("{\"response\": \"ok\", \"took_ms\": 15, \"timeline\": [\"bye\"]}");
    assertEquals(CaseState.FAILED, kase.state());
    assertEquals(List.of(), kase.warnings());
  }

  @Test
  void junit_shows_the_warnings_of_a_passed_case() {
    CaseView kase = run("{\"response\": \"ok\", \"took_ms\": 1500, \"timeline\": [\"hello\"]}");
    String xml = JUnitReport.write(List.of(kase));
    assertTrue(xml.contains("<property name=\"warning\" value=\"check 'fast_enough': the timeline took a second or more"), xml);
    assertTrue(xml.contains("<system-out>warning: check 'fast_enough'"), xml);
    assertTrue(!xml.contains("<failure") && !xml.contains("<error"), "a case with warnings passed");
  }

  @Test
  void in_the_machine_a_soft_check_goes_on_either_way() {
    StateMachine m = ScenarioReaderTest.yaml("roles: {a: x}\nsteps:\n  - {name: c, check: x, equals: y, soft: true}\n"
        + "  - {name: d, do: {a: reload}}\n").machine();
    assertEquals(new Target.Step("d"), StateMachine.first(m.state("c"), StateMachine.Trigger.Fails.class).target());
  }

  @Test
  void the_builder_says_the_same_and_soft_must_be_true_or_false() {
    Scenario s = Scenario.builder("b").role("a", "x").softCheck("c", "${a.n}", Step.CheckOperator.EQUALS, "1", "n is not 1")
        .step("d", "a", "reload", null).build();
    assertTrue(((Step.Check) s.steps().get(0)).soft());
    assertEquals("test.yaml:3: 'soft' is true or false", ScenarioReaderTest.problem(
        "roles: {a: x}\nsteps:\n  - {check: x, equals: y, soft: maybe}\n").getMessage());
  }
}
