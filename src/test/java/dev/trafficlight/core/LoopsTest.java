package dev.trafficlight.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.trafficlight.core.scenario.Scenario;
import dev.trafficlight.core.scenario.StateMachine;
import dev.trafficlight.core.scenario.Target;
import dev.trafficlight.core.view.CaseState;
import dev.trafficlight.core.view.CaseView;
import dev.trafficlight.testing.ScriptedClients;
import java.util.List;
import org.junit.jupiter.api.Test;

/** repeat and for_each compile into one copy of their steps per round, which the engine runs and the pictures draw. */
class LoopsTest {
  private static final String ROUNDS = """
      name: rounds
      roles: {alice: element-web, bob: element-web, carol: element-web}
      steps:
        - name: calls
          repeat: 3
          as: round
          steps:
            - name: join
              do: {alice: {action: join_call, data: {round: "${round}"}}}
            - name: everyone_sees
              for_each: [bob, carol]
              as: who
              steps:
                - name: sees
                  do: {"${who}": {action: verify_in_call, data: {name: "${who}", round: "${round}"}}}
            - name: leave
              do: {alice: leave_call}
        - name: bye
          do: {alice: logout}
      """;

  @Test
  void a_loop_unrolls_into_one_state_per_step_and_round_with_the_roles_filled_in() {
    StateMachine m = ScenarioReaderTest.yaml(ROUNDS).machine();
    assertEquals(List.of("join#1", "sees#1#bob", "sees#1#carol", "leave#1", "join#2", "sees#2#bob", "sees#2#carol", "leave#2",
        "join#3", "sees#3#bob", "sees#3#carol", "leave#3", "bye"), m.states().stream().map(StateMachine.State::id).toList());
    StateMachine.State carolSees = m.state("sees#2#carol");
    assertEquals(List.of("carol"), List.copyOf(((dev.trafficlight.core.scenario.Step.Actions) carolSees.step()).actions().keySet()));
    assertEquals("sees", carolSees.written().id());
    StateMachine.Transition nextRound = StateMachine.first(m.state("leave#1"), StateMachine.Trigger.Otherwise.class);
    assertEquals(new Target.Step("join#2"), nextRound.target());
    assertEquals("repeat 3×", nextRound.round());
    assertEquals(new Target.Step("bye"), StateMachine.first(m.state("leave#3"), StateMachine.Trigger.Otherwise.class).target());
  }

  @Test
  void the_engine_runs_every_round_with_the_loop_variables_bound() {
    EngineFixture f = new EngineFixture();
    f.coordinator.add(ScenarioReaderTest.yaml(ROUNDS));
    ScriptedClients clients = new ScriptedClients(f.coordinator);
    List<String> seen = new java.util.ArrayList<>();
    ScriptedClients.Script script = (action, data) -> {
      if (action.equals("verify_in_call")) seen.add(data.path("name").asText() + "@" + data.path("round").asText());
      return ScriptedClients.done(action, data);
    };
    clients.add("a", "element-web", script).add("b", "element-web", script).add("c", "element-web", script).runUntilExit();
    CaseView kase = f.only();
    assertEquals(CaseState.PASSED, kase.state(), kase.reason());
    assertEquals(13, kase.visitedSteps().size());
    assertEquals(List.of("bob@1", "carol@1", "bob@2", "carol@2", "bob@3", "carol@3"), seen);
  }

  @Test
  void a_branch_inside_a_round_stays_in_that_round_and_may_leave_the_loop() {
    EngineFixture f = new EngineFixture();
    f.coordinator.add(ScenarioReaderTest.yaml("""
        name: retry
        roles: {alice: element-web}
        steps:
          - repeat: 5
            steps:
              - name: try
                do: {alice: connect}
                on: {alice: {connected: done}}
              - name: pause
                wait: 1s
          - name: done
            do: {alice: logout}
        """));
    f.register("a", "element-web");
    f.answer("a", "{\"response\": \"refused\"}");
    f.advance(java.time.Duration.ofSeconds(1));
    f.answer("a", "{\"response\": \"connected\"}");
    assertEquals("logout", f.action("a").name());
    assertEquals(List.of("try#1", "pause#1", "try#2", "done"), f.only().visitedSteps());
  }

  @Test
  void the_builder_says_the_same() {
    Scenario s = Scenario.builder("b").role("alice", "element-web").role("bob", "element-web")
        .repeat("twice", 2, "n", body -> body.forEach("each", List.of("alice", "bob"), "who",
            inner -> inner.step("ping", x -> x.action("${who}", "ping"))))
        .build();
    assertEquals(List.of("ping#1#alice", "ping#1#bob", "ping#2#alice", "ping#2#bob"),
        s.machine().states().stream().map(StateMachine.State::id).toList());
  }

  private static String problem(String steps) {
    return ScenarioReaderTest.problem("roles: {alice: x, bob: y}\nsteps:\n" + steps).getMessage();
  }

  @Test
  void misuse_is_named_with_its_line() {
    assertEquals("test.yaml:3: 'repeat' is a number of rounds from 1 to 1000, not 5000",
        problem("  - repeat: 5000\n    steps: [{do: {alice: x}}]\n"));
    assertEquals("test.yaml:2: with its loops unrolled the scenario has more than 10000 steps; repeat fewer rounds",
        problem("  - repeat: 1000\n    steps:\n      - repeat: 11\n        steps: [{do: {alice: x}}]\n"));
    assertEquals("test.yaml:5: step 'step-1.1' gives an action to '${who}', which is not a role; roles are [alice, bob]",
        problem("  - for_each: [alice, room]\n    as: who\n    steps: [{do: {\"${who}\": x}}]\n"));
    assertEquals("test.yaml:6: no step is named 'inside' where this step can reach it (targets are step names of the same loop "
        + "or around it, 'passed' or 'failed')", problem("  - repeat: 2\n    steps: [{name: inside, do: {alice: x}}]\n"
        + "  - do: {alice: y}\n    next: inside\n"));
    assertEquals("test.yaml:4: unknown key 'next' in a loop; expected one of [as, name, repeat, steps]",
        problem("  - repeat: 2\n    next: passed\n    steps: [{do: {alice: x}}]\n"));
    assertEquals("test.yaml:3: a step name cannot hold '#': it marks a loop's rounds", problem("  - name: a#1\n    do: {alice: x}\n"));
    assertEquals("test.yaml:5: two steps are named 'x'",
        problem("  - repeat: 2\n    steps: [{name: x, do: {alice: x}}]\n  - {name: x, do: {alice: y}}\n"));
  }
}
