package dev.trafficlight.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.trafficlight.core.scenario.Scenario;
import dev.trafficlight.core.scenario.ScenarioException;
import dev.trafficlight.core.scenario.StateMachine;
import dev.trafficlight.core.scenario.Target;
import dev.trafficlight.core.view.CaseState;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** With strict answers, a word no one expected fails the case at once; misuse is named with its line. */
class StrictAnswersTest {
  private final EngineFixture f = new EngineFixture();
  private static final String STRICT = """
      name: strict
      roles: {alice: element-web, bob: element-web}
      answers: strict
      expect:
        register: registered
        login: [loggedin, logged_in]
      steps:
        - name: both
          do: {alice: register, bob: login}
        - name: lenient
          answers: any
          do: {alice: reload}
        - name: own
          do: {alice: {action: start_crosssign, expect: started_crosssign}}
          on: {alice: {not_supported: passed}}
      """;

  @Test
  void expected_words_move_on_as_usual() {
    f.coordinator.add(ScenarioReaderTest.yaml(STRICT));
    f.register("a", "element-web");
    f.register("b", "element-web");
    f.answer("a", "{\"response\": \"registered\"}");
    f.answer("b", "{\"response\": \"logged_in\"}");
    f.answer("a", "{\"response\": \"whatever\"}");
    f.answer("a", "{\"response\": \"not_supported\"}");
    assertEquals(CaseState.PASSED, f.only().state(), f.only().reason());
    assertEquals("reached 'passed' after step 'own'", f.only().reason());
  }

  @Test
  void an_unexpected_word_fails_the_case_at_once_without_waiting_for_the_others() {
    f.coordinator.add(ScenarioReaderTest.yaml(STRICT));
    f.register("a", "element-web");
    f.register("b", "element-web");
    f.answer("b", "{\"response\": \"error\"}");
    assertEquals(CaseState.FAILED, f.only().state());
    assertEquals("bob answered 'error' to login at step 'both'; strict answers expect one of [loggedin, logged_in]",
        f.only().reason());
  }

  @Test
  void the_action_s_own_words_replace_the_table() {
    f.coordinator.add(ScenarioReaderTest.yaml(STRICT));
    f.register("a", "element-web");
    f.register("b", "element-web");
    f.answer("a", "{\"response\": \"registered\"}");
    f.answer("b", "{\"response\": \"loggedin\"}");
    f.done("a");
    f.done("a");
    assertEquals("alice answered 'done' to start_crosssign at step 'own'; strict answers expect one of "
        + "[started_crosssign, not_supported]", f.only().reason());
  }

  @Test
  void the_machine_says_which_words_each_state_expects_and_where_the_rest_lead() {
    StateMachine m = ScenarioReaderTest.yaml(STRICT).machine();
    assertEquals(Map.of("alice", Set.of("registered"), "bob", Set.of("loggedin", "logged_in")), m.state("both").expected());
    assertEquals(Map.of(), m.state("lenient").expected());
    assertEquals(new Target.Failed(null), StateMachine.first(m.state("both"), StateMachine.Trigger.Unexpected.class).target());
  }

  @Test
  void the_builder_says_the_same() {
    Scenario s = Scenario.builder("b").role("alice", "element-web").strictAnswers().expect("register", "registered")
        .step("one", x -> x.action("alice", "register"))
        .step("two", x -> x.action("alice", "login").expect("alice", "loggedin"))
        .build();
    assertEquals(Map.of("alice", Set.of("loggedin")), s.machine().state("two").expected());
  }

  @Test
  void a_strict_step_must_know_what_each_role_may_answer() {
    ScenarioException e = ScenarioReaderTest.problem("""
        roles: {alice: element-web}
        answers: strict
        steps:
          - do:
              alice: reload
        """);
    assertEquals("test.yaml:5: step 'step-1' reads answers strictly, but nothing says what alice may answer to 'reload': "
        + "give the action an 'expect', or list 'reload' under the scenario's 'expect'", e.getMessage());
  }

  @Test
  void expected_words_without_strictness_are_refused() {
    assertEquals("test.yaml:3: step 'step-1' lists words alice may answer, but its answers are not strict: add 'answers: "
        + "strict' to the step or the scenario", ScenarioReaderTest.problem("""
        roles: {alice: element-web}
        steps:
          - do: {alice: {action: reload, expect: reloaded}}
        """).getMessage());
    assertEquals("test.yaml:2: the scenario lists expected answer words, but no step reads answers strictly: add "
        + "'answers: strict' to the scenario or to a step", ScenarioReaderTest.problem("""
        roles: {alice: element-web}
        expect: {reload: reloaded}
        steps: [{do: {alice: reload}}]
        """).getMessage());
    assertEquals("test.yaml:2: 'answers' is 'strict' (an unexpected answer word fails the case) or 'any' (any answer "
        + "moves on)", ScenarioReaderTest.problem("roles: {alice: element-web}\nanswers: yes\nsteps: [{do: {alice: reload}}]\n")
        .getMessage());
    assertThrows(IllegalArgumentException.class, () -> Scenario.builder("b").role("alice", "x")
        .step("s", x -> x.expect("alice", "w")));
  }
}
