package dev.trafficlight.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trafficlight.core.Json;
import dev.trafficlight.core.engine.Coordinator;
import dev.trafficlight.core.engine.Settings;
import dev.trafficlight.core.port.Instruction;
import dev.trafficlight.core.scenario.Scenario;
import dev.trafficlight.core.scenario.ScenarioReader;
import dev.trafficlight.core.view.CaseState;
import dev.trafficlight.core.view.CaseView;
import dev.trafficlight.testing.Answers;
import dev.trafficlight.testing.ManualClock;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A coordinator started on the journal an earlier one left takes back its clients and cases. */
class RestoreTest {
  private static final Scenario QUICK = ScenarioReader.parse("""
      name: quick
      roles: {alice: element-web}
      steps:
        - name: send
          do: {alice: send_message}
      """, "quick.yaml", "quick", false);
  private static final Scenario LONG = ScenarioReader.parse("""
      name: long
      roles: {bob: hydrogen-web}
      steps:
        - name: first
          do: {bob: register}
        - name: second
          do: {bob: login}
      """, "long.yaml", "long", false);

  @TempDir
  Path dir;
  private final ManualClock clock = new ManualClock();

  private Coordinator coordinator(JournalStore store, boolean rerun) {
    Coordinator c = new Coordinator(Settings.defaults(), clock);
    c.addListener(store);
    c.add(QUICK);
    c.add(LONG);
    c.restore(store.restored(), rerun, (transport, uuid) -> i -> { });
    return c;
  }

  private static void answer(Coordinator c, String uuid) {
    Instruction.Action action = (Instruction.Action) c.current(uuid);
    c.answer(uuid, action.id(), Answers.word("done"));
  }

  private static CaseView kase(Coordinator c, String scenario) {
    return c.cases().stream().filter(k -> k.scenario().equals(scenario)).findFirst().orElseThrow();
  }

  /** quick passed with a; long left at its second step with b; the process "killed" (nothing closed). */
  private CaseView runUntilKilled() throws Exception {
    Coordinator first = coordinator(JournalStore.open(dir), false);
    first.register("a", Json.object().put("type", "element-web").put("version", "1"), "http", i -> { });
    first.register("b", Json.object().put("type", "hydrogen-web").put("version", "1"), "http", i -> { });
    answer(first, "a");
    answer(first, "b");
    assertEquals(CaseState.PASSED, kase(first, "quick").state());
    assertEquals("second", kase(first, "long").currentStep());
    return kase(first, "quick");
  }

  @Test
  void a_finished_case_stays_finished_and_a_running_one_is_interrupted_at_its_step() throws Exception {
    CaseView passed = runUntilKilled();
    Coordinator back = coordinator(JournalStore.open(dir), false);

    assertEquals(passed, kase(back, "quick"), "shown exactly as it ended");
    CaseView interrupted = kase(back, "long");
    assertEquals(CaseState.INTERRUPTED, interrupted.state());
    assertEquals("second", interrupted.currentStep());
    assertEquals(List.of("first", "second"), interrupted.visitedSteps());
    assertTrue(interrupted.reason().contains("at step 'second'"), interrupted.reason());
    assertEquals("b", interrupted.members().get("bob").uuid());
    assertInstanceOf(Instruction.Idle.class, back.current("b"), "the interrupted case's client is known and idle");
    Instruction.Exit told = assertInstanceOf(Instruction.Exit.class, back.current("a"));
    assertTrue(told.reason().startsWith("case quick[element-web] passed"), "the finished case's client still hears its exit");
    assertTrue(back.allEnded());
  }

  @Test
  void with_rerun_an_interrupted_case_starts_again_with_its_client_and_a_passed_one_does_not() throws Exception {
    runUntilKilled();
    coordinator(JournalStore.open(dir), false).close(); // a restart without the flag: long is kept as interrupted

    Coordinator rerun = coordinator(JournalStore.open(dir), true);
    assertEquals(CaseState.PASSED, kase(rerun, "quick").state());
    assertEquals(CaseState.WAITING, kase(rerun, "long").state(), "b may not have outlived the restart: it waits for b");
    assertInstanceOf(Instruction.Action.class, rerun.current("b"), "b polls, and its case starts again with it");
    assertEquals(CaseState.RUNNING, kase(rerun, "long").state());
    assertEquals("b", kase(rerun, "long").members().get("bob").uuid());
    answer(rerun, "b");
    answer(rerun, "b");
    assertEquals(CaseState.PASSED, kase(rerun, "long").state());

    Coordinator after = coordinator(JournalStore.open(dir), true);
    assertEquals(CaseState.PASSED, kase(after, "long").state(), "the re-run's result is what is kept");
  }

  @Test
  void a_file_sent_after_its_case_ended_is_there_after_a_restart() throws Exception {
    Coordinator first = coordinator(JournalStore.open(dir), false);
    first.register("a", Json.object().put("type", "element-web").put("version", "1"), "http", i -> { });
    answer(first, "a");
    assertEquals(CaseState.PASSED, kase(first, "quick").state());
    first.attach("a", kase(first, "quick").id(), new dev.trafficlight.core.port.Artifact("late.log", "/tmp/late.log", 3, "text/plain"));

    Coordinator back = coordinator(JournalStore.open(dir), false);
    assertEquals(List.of("late.log"), kase(back, "quick").artifacts().stream().map(a -> a.name()).toList());
  }

  @Test
  void a_client_that_re_registers_after_a_restart_is_given_a_case_as_usual() throws Exception {
    runUntilKilled();
    Coordinator back = coordinator(JournalStore.open(dir), false);
    back.register("a", Json.object().put("type", "element-web").put("version", "2"), "http", i -> { });
    assertInstanceOf(Instruction.Idle.class, back.current("a"), "registered again, and no case left for it");
    assertEquals("idle", back.client("a").orElseThrow().state());
  }
}
