package dev.trafficlight.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trafficlight.core.scenario.Scenario;
import dev.trafficlight.core.scenario.StateMachine;
import dev.trafficlight.core.scenario.StateMachine.Trigger;
import dev.trafficlight.core.scenario.Target;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class StateMachineTest {

  @Test
  void every_target_is_resolved_when_the_scenario_is_compiled() {
    Scenario s = ScenarioReaderTest.yaml("""
        roles: {alice: element-web, bob: element-web}
        steps:
          - name: ask
            do: {alice: register}
            on: {alice: {no_account: failed, retry: ask}}
          - name: pause
            wait: 5s
          - name: look
            check: "${alice.response}"
            equals: registered
        """);
    StateMachine m = s.machine();
    assertEquals(List.of("ask", "pause", "look"), m.states().stream().map(StateMachine.State::id).toList());
    assertEquals(List.of(
        new StateMachine.Transition(new Trigger.Answered("alice", "no_account"), new Target.Failed(null), false),
        new StateMachine.Transition(new Trigger.Answered("alice", "retry"), new Target.Step("ask"), false),
        new StateMachine.Transition(new Trigger.Otherwise(), new Target.Step("pause"), false)),
        m.state("ask").transitions());
    assertEquals(List.of(new StateMachine.Transition(new Trigger.After(Duration.ofSeconds(5)), new Target.Step("look"), false)),
        m.state("pause").transitions());
    StateMachine.Transition holds = StateMachine.first(m.state("look"), Trigger.Holds.class);
    assertEquals(new Target.Passed(), holds.target());
    assertTrue(holds.ranOut(), "the last step runs out into passed");
    assertFalse(StateMachine.first(m.state("look"), Trigger.Fails.class).ranOut());
  }

  @Test
  void the_machine_is_compiled_once_with_the_scenario() {
    Scenario s = ScenarioReaderTest.yaml("roles: {alice: element-web}\nsteps: [{do: {alice: reload}}]\n");
    assertTrue(s.machine() == s.machine());
  }
}
