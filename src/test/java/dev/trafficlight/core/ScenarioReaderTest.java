package dev.trafficlight.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trafficlight.core.scenario.Requirement;
import dev.trafficlight.core.scenario.Scenario;
import dev.trafficlight.core.scenario.ScenarioException;
import dev.trafficlight.core.scenario.ScenarioReader;
import dev.trafficlight.core.scenario.Step;
import dev.trafficlight.core.scenario.Target;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ScenarioReaderTest {

  static Scenario yaml(String text) {
    return ScenarioReader.parse(text, "test.yaml", "test", false);
  }

  static ScenarioException problem(String text) {
    return assertThrows(ScenarioException.class, () -> yaml(text));
  }

  @Test
  void reads_every_part_of_the_language() {
    Scenario s = yaml("""
        name: full
        roles:
          alice: [element-web, hydrogen-web]
          bob: {type: element-android, version: ">=1.5 <2"}
          carol: element-ios
        servers: [hs]
        variables:
          room: "room-${case.token}"
        timeout: 10m
        step_timeout: 45s
        steps:
          - name: go
            do:
              alice: {action: create_room, data: {name: "${room}"}}
              bob: accept_invite
            on:
              alice:
                error: {failed: could not create}
                exists: check_it
            timeout: 5s
          - wait: 200ms
          - name: check_it
            check: "${alice.room_id}"
            matches: "^!"
            next: passed
        """);
    assertEquals("full", s.name());
    assertEquals(3, s.roles().size());
    assertEquals(java.util.List.of("element-web", "hydrogen-web"), s.roles().get("alice").types());
    assertInstanceOf(Requirement.Version.class, s.roles().get("bob").requirements().get("version"));
    assertEquals(Duration.ofMinutes(10), s.timeout());
    assertEquals(Duration.ofSeconds(45), s.stepTimeout());
    Step.Actions go = (Step.Actions) s.steps().get(0);
    assertEquals("accept_invite", go.actions().get("bob").action());
    assertEquals(new Target.Failed("could not create"), go.on().get(0).target());
    assertEquals(new Target.Step("check_it"), go.on().get(1).target());
    assertEquals(Duration.ofSeconds(5), go.timeout());
    assertEquals("step-2", s.steps().get(1).id());
    assertEquals(Duration.ofMillis(200), ((Step.Wait) s.steps().get(1)).duration());
    Step.Check check = (Step.Check) s.steps().get(2);
    assertEquals(Step.CheckOperator.MATCHES, check.operator());
    assertInstanceOf(Target.Passed.class, check.next());
  }

  @Test
  void json_files_are_accepted_too() {
    Scenario s = ScenarioReader.parse("""
        {"roles": {"alice": "element-web"}, "steps": [{"do": {"alice": "reload"}}]}
        """, "x.json", "from_file_name", true);
    assertEquals("from_file_name", s.name());
  }

  @Test
  void an_undefined_variable_is_reported_with_its_line() {
    ScenarioException e = problem("""
        roles:
          alice: element-web
        steps:
          - do:
              alice: {action: send_message, data: {message: "${greeting}"}}
        """);
    assertEquals(5, e.line());
    assertTrue(e.getMessage().startsWith("test.yaml:5: undefined variable ${greeting}"), e.getMessage());
  }

  @Test
  void a_variable_may_use_only_variables_defined_above_it() {
    ScenarioException e = problem("""
        roles: {alice: element-web}
        variables:
          a: "${b}"
          b: x
        steps:
          - do: {alice: reload}
        """);
    assertEquals(3, e.line());
  }

  @Test
  void an_unknown_key_is_named_with_its_line() {
    ScenarioException e = problem("""
        roles: {alice: element-web}
        steps:
          - do: {alice: reload}
            tiemout: 3s
        """);
    assertEquals(4, e.line());
    assertTrue(e.problem().contains("unknown key 'tiemout'"), e.problem());
  }

  @Test
  void a_branch_to_a_missing_step_is_refused() {
    ScenarioException e = problem("""
        roles: {alice: element-web}
        steps:
          - do: {alice: reload}
            on: {alice: {error: nowhere}}
        """);
    assertTrue(e.problem().contains("no step is named 'nowhere'"), e.problem());
    assertEquals(4, e.line());
  }

  @Test
  void an_action_for_an_undeclared_role_is_refused() {
    ScenarioException e = problem("""
        roles: {alice: element-web}
        steps:
          - do: {bob: reload}
        """);
    assertTrue(e.problem().contains("'bob', which is not a role"), e.problem());
  }

  @Test
  void a_yaml_syntax_error_names_the_line() {
    ScenarioException e = problem("roles: {alice: element-web}\nsteps:\n  - do: [unclosed\n");
    assertTrue(e.line() >= 3, "line " + e.line());
    assertTrue(e.problem().startsWith("cannot be parsed"), e.problem());
  }

  @Test
  void a_bad_duration_and_a_bad_version_constraint_are_named() {
    assertTrue(problem("roles: {a: x}\ntimeout: soon\nsteps: [{do: {a: r}}]\n").problem().contains("'soon' is not a duration"));
    assertTrue(problem("roles: {a: {version: '>=1.2 junk'}}\nsteps: [{do: {a: r}}]\n").problem().contains("not a version constraint"));
  }

  @Test
  void step_names_must_be_unique_and_not_outcomes() {
    assertTrue(problem("roles: {a: x}\nsteps: [{name: s, do: {a: r}}, {name: s, do: {a: r}}]\n").problem().contains("two steps are named 's'"));
    assertTrue(problem("roles: {a: x}\nsteps: [{name: passed, do: {a: r}}]\n").problem().contains("is an outcome"));
  }

  @Test
  void a_pattern_that_cannot_compile_is_refused_at_load() {
    ScenarioException e = problem("roles: {a: x}\nsteps:\n  - {check: x, matches: '([x${a.y}'}\n");
    assertTrue(e.problem().startsWith("'([x${a.y}' is not a regular expression"), e.problem());
    assertEquals(3, e.line());
  }
}
