package dev.trafficlight.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trafficlight.core.view.CaseState;
import dev.trafficlight.core.engine.Settings;
import dev.trafficlight.core.port.Instruction;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class TimeoutTest {

  @Test
  void a_step_timeout_ends_the_case_in_error_naming_the_step_and_the_silent_roles() {
    EngineFixture f = new EngineFixture();
    f.coordinator.add(ScenarioReaderTest.yaml("""
        name: slow
        roles: {alice: element-web, bob: hydrogen-web}
        steps:
          - name: both
            do: {alice: register, bob: register}
            timeout: 30s
        """));
    f.register("a", "element-web");
    f.register("b", "hydrogen-web");
    f.action("a");
    f.done("a");
    f.advance(Duration.ofSeconds(29));
    f.poll("b");
    assertEquals(CaseState.RUNNING, f.only().state());
    f.advance(Duration.ofSeconds(1));
    assertEquals(CaseState.ERROR, f.only().state());
    assertEquals("step 'both' timed out after 30s; no answer from bob (hydrogen-web 1.0, b)", f.only().reason());
    assertInstanceOf(Instruction.Exit.class, f.poll("a"));
  }

  @Test
  void the_default_step_timeout_is_three_minutes() {
    EngineFixture f = new EngineFixture();
    f.coordinator.add(ScenarioReaderTest.yaml("roles: {alice: element-web}\nsteps: [{do: {alice: reload}}]\n"));
    f.register("a", "element-web");
    for (int i = 0; i < 17; i++) {
      f.advance(Duration.ofSeconds(10));
      f.poll("a");
    }
    assertEquals(CaseState.RUNNING, f.only().state());
    f.advance(Duration.ofSeconds(10));
    assertEquals(CaseState.ERROR, f.only().state());
  }

  @Test
  void a_case_timeout_ends_a_case_that_loops() {
    EngineFixture f = new EngineFixture();
    f.coordinator.add(ScenarioReaderTest.yaml("""
        name: loop
        roles: {alice: element-web}
        timeout: 1m
        steps:
          - name: again
            do: {alice: get_timeline}
            next: again
        """));
    f.register("a", "element-web");
    for (int i = 0; i < 6; i++) {
      f.action("a");
      f.done("a");
      f.advance(Duration.ofSeconds(10));
    }
    assertEquals(CaseState.ERROR, f.only().state());
    assertTrue(f.only().reason().startsWith("case timed out after 1m at step 'again'"), f.only().reason());
  }

  @Test
  void a_wait_step_moves_on_when_its_time_is_up() {
    EngineFixture f = new EngineFixture();
    f.coordinator.add(ScenarioReaderTest.yaml("""
        roles: {alice: element-web}
        steps:
          - do: {alice: send_message}
          - name: pause
            wait: 5s
          - do: {alice: get_timeline}
        """));
    f.register("a", "element-web");
    f.action("a");
    f.done("a");
    assertEquals("pause", f.only().currentStep());
    f.advance(Duration.ofSeconds(4));
    assertInstanceOf(Instruction.Idle.class, f.poll("a"));
    f.advance(Duration.ofSeconds(1));
    assertEquals("get_timeline", f.action("a").name());
  }

  @Test
  void an_idle_client_that_stops_polling_is_dropped() {
    EngineFixture f = new EngineFixture();
    f.register("a", "element-web");
    f.advance(Duration.ofSeconds(59));
    assertEquals("idle", f.coordinator.client("a").orElseThrow().state());
    f.advance(Duration.ofSeconds(1));
    assertEquals("exited", f.coordinator.client("a").orElseThrow().state());
    assertEquals("dropped: no poll for 60 s", ((Instruction.Exit) f.poll("a")).reason());
    f.coordinator.add(ScenarioReaderTest.yaml("roles: {alice: element-web}\nsteps: [{do: {alice: reload}}]\n"));
    assertEquals(CaseState.WAITING, f.only().state(), "a dropped client is never allocated");
  }

  @Test
  void a_silent_client_in_a_case_puts_the_case_in_error() {
    EngineFixture f = new EngineFixture(Settings.defaults().withSilenceLimit(Duration.ofSeconds(90)));
    f.coordinator.add(ScenarioReaderTest.yaml("""
        roles: {alice: element-web, bob: element-web}
        steps: [{do: {alice: reload}}, {do: {bob: reload}}]
        """));
    f.register("a", "element-web");
    f.register("b", "element-web");
    for (int i = 0; i < 8; i++) {
      f.advance(Duration.ofSeconds(10));
      f.poll("a");
    }
    assertEquals(CaseState.RUNNING, f.only().state());
    f.advance(Duration.ofSeconds(10));
    assertEquals(CaseState.ERROR, f.only().state());
    assertTrue(f.only().reason().contains("(element-web 1.0, b) has neither polled nor answered for 90s"), f.only().reason());
  }

  @Test
  void an_exited_client_is_forgotten_after_the_retention_and_then_hears_it_is_unknown() {
    EngineFixture f = new EngineFixture(Settings.defaults().withForgetExited(Duration.ofMinutes(10)));
    f.register("a", "element-web");
    f.advance(Duration.ofSeconds(60));
    assertEquals("exited", f.coordinator.client("a").orElseThrow().state());
    f.advance(Duration.ofMinutes(9));
    assertTrue(f.coordinator.client("a").isPresent(), "kept within the retention");
    f.advance(Duration.ofMinutes(1));
    assertTrue(f.coordinator.client("a").isEmpty(), "forgotten after it");
    assertEquals("no record of this UUID", ((Instruction.Exit) f.poll("a")).reason());
  }

  @Test
  void a_dropped_client_is_told_to_exit_through_its_channel() {
    EngineFixture f = new EngineFixture();
    java.util.List<Instruction> told = new java.util.concurrent.CopyOnWriteArrayList<>();
    f.coordinator.register("a", dev.trafficlight.core.Json.object().put("type", "element-web"), "test", told::add);
    f.advance(Duration.ofSeconds(60));
    assertEquals(1, told.size());
    assertEquals("dropped: no poll for 60 s", ((Instruction.Exit) told.get(0)).reason());
  }
}
