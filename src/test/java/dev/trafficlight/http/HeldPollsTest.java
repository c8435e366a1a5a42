package dev.trafficlight.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trafficlight.core.Json;
import dev.trafficlight.core.engine.Coordinator;
import dev.trafficlight.core.engine.Settings;
import dev.trafficlight.core.port.Instruction;
import dev.trafficlight.core.scenario.ScenarioReader;
import dev.trafficlight.testing.ManualClock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class HeldPollsTest {
  private final ManualClock clock = new ManualClock();
  private final Coordinator coordinator = new Coordinator(Settings.defaults(), clock);
  private final HeldPolls polls = new HeldPolls(coordinator);

  private void register(String uuid) {
    coordinator.register(uuid, Json.object().put("type", "element-web"), HttpTransport.NAME, polls.channel(uuid));
  }

  private void queueOneStepCase() {
    coordinator.add(ScenarioReader.parse("roles: {alice: element-web}\nsteps: [{do: {alice: reload}}]\n", "t.yaml", "t", false));
  }

  @Test
  void a_held_poll_returns_the_action_as_soon_as_it_exists() throws Exception {
    register("a");
    CompletableFuture<Instruction> held = polls.next("a", Duration.ofSeconds(20));
    assertFalse(held.isDone());
    queueOneStepCase();
    assertEquals("reload", ((Instruction.Action) held.get(1, TimeUnit.SECONDS)).name());
    assertEquals("reload", coordinator.client("a").orElseThrow().currentAction());
  }

  @Test
  void a_held_poll_answers_idle_at_its_deadline() throws Exception {
    register("b");
    CompletableFuture<Instruction> held = polls.next("b", Duration.ofMillis(150));
    assertInstanceOf(Instruction.Idle.class, held.get(5, TimeUnit.SECONDS));
  }

  @Test
  void an_action_that_exists_already_is_answered_without_holding() {
    register("a");
    queueOneStepCase();
    assertTrue(polls.next("a", Duration.ofSeconds(20)).isDone());
  }

  @Test
  void a_client_holding_a_poll_is_alive_past_the_idle_drop() {
    register("a");
    polls.next("a", Duration.ofMinutes(5));
    clock.advance(Duration.ofSeconds(120));
    coordinator.tick();
    assertEquals("idle", coordinator.client("a").orElseThrow().state());
  }

  @Test
  void a_client_that_stops_polling_is_dropped_and_its_next_poll_hears_exit() {
    register("a");
    clock.advance(Duration.ofSeconds(61));
    coordinator.tick();
    Instruction reply = polls.next("a", Duration.ofSeconds(20)).join();
    assertEquals("dropped: no poll for 60 s", ((Instruction.Exit) reply).reason());
  }

  @Test
  void closing_answers_every_held_poll() {
    register("a");
    CompletableFuture<Instruction> held = polls.next("a", Duration.ofMinutes(1));
    polls.close();
    assertInstanceOf(Instruction.Idle.class, held.getNow(null));
  }

  @Test
  void a_poll_that_comes_while_the_server_stops_is_answered_at_once() {
    register("a");
    polls.close();
    CompletableFuture<Instruction> late = polls.next("a", Duration.ofMinutes(1));
    assertInstanceOf(Instruction.Idle.class, late.getNow(null), "answered, not a 500 and not held");
  }
}
