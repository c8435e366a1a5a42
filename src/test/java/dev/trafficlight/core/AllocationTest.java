package dev.trafficlight.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trafficlight.core.view.CaseState;
import dev.trafficlight.core.view.CaseView;
import dev.trafficlight.core.scenario.Scenario;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class AllocationTest {
  private final EngineFixture f = new EngineFixture();

  private static Scenario pairOf(String name, String alice, String bob) {
    return Scenario.builder(name).role("alice", alice).role("bob", bob)
        .step("s", "alice", "reload", null).build();
  }

  @Test
  void a_case_that_cannot_be_filled_does_not_block_a_later_one() {
    f.coordinator.add(pairOf("first", "element-web", "element-ios"));
    f.coordinator.add(pairOf("second", "element-web", "hydrogen-web"));
    f.register("w", "element-web");
    f.register("h", "hydrogen-web");
    assertEquals(CaseState.WAITING, f.kase("first[element-web, element-ios]").state());
    assertEquals(CaseState.RUNNING, f.kase("second[element-web, hydrogen-web]").state());
  }

  @Test
  void the_oldest_runnable_case_goes_first() {
    f.coordinator.add(pairOf("older", "element-web", "hydrogen-web"));
    f.coordinator.add(pairOf("newer", "element-web", "hydrogen-web"));
    f.register("h", "hydrogen-web");
    f.register("w", "element-web");
    assertEquals(CaseState.RUNNING, f.kase("older[element-web, hydrogen-web]").state());
    assertEquals(CaseState.WAITING, f.kase("newer[element-web, hydrogen-web]").state());
  }

  @Test
  void roles_are_matched_most_constrained_first_so_a_flexible_client_is_not_wasted() {
    f.coordinator.add(Scenario.builder("mix").role("anyone").role("web", "element-web")
        .step("s", "anyone", "reload", null).build());
    f.register("w", "element-web");
    f.register("i", "element-ios");
    CaseView kase = f.only();
    assertEquals(CaseState.RUNNING, kase.state());
    assertEquals("w", kase.members().get("web").uuid());
    assertEquals("i", kase.members().get("anyone").uuid());
  }

  @Test
  void several_cases_run_at_once_with_distinct_clients() {
    for (int i = 0; i < 3; i++) f.coordinator.add(pairOf("case" + i, "element-web", "hydrogen-web"));
    for (int i = 0; i < 3; i++) {
      f.register("w" + i, "element-web");
      f.register("h" + i, "hydrogen-web");
    }
    assertTrue(f.coordinator.cases().stream().allMatch(c -> c.state() == CaseState.RUNNING));
    assertNoClientInTwoCases(f.coordinator.cases());
  }

  @Test
  void concurrent_registrations_never_put_a_client_in_two_cases_or_half_fill_a_case() throws Exception {
    int cases = 40;
    for (int i = 0; i < cases; i++) {
      f.coordinator.add(Scenario.builder("c" + i).role("a", "element-web").role("b", "element-web")
          .role("c", "hydrogen-web").step("s", "a", "reload", null).build());
    }
    ExecutorService pool = Executors.newFixedThreadPool(8);
    CountDownLatch start = new CountDownLatch(1);
    int clients = 100;
    for (int i = 0; i < clients; i++) {
      String uuid = "client-" + i;
      String type = i % 3 == 0 ? "hydrogen-web" : "element-web";
      pool.submit(() -> {
        start.await();
        return f.register(uuid, type);
      });
    }
    start.countDown();
    pool.shutdown();
    assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));

    List<CaseView> all = f.coordinator.cases();
    assertNoClientInTwoCases(all);
    long running = all.stream().filter(c -> c.state() == CaseState.RUNNING).count();
    // 34 hydrogen and 66 element clients: every case needs one hydrogen and two element clients.
    assertEquals(33, running);
    for (CaseView c : all) {
      assertEquals(c.state() == CaseState.RUNNING ? 3 : 0, c.members().size(), c.id());
    }
    long idle = f.coordinator.clients().stream().filter(c -> c.state().equals("idle")).count();
    assertEquals(clients - 3 * running, idle);
  }

  private static void assertNoClientInTwoCases(List<CaseView> all) {
    Set<String> seen = new HashSet<>();
    for (CaseView c : all) {
      c.members().values().forEach(m -> assertTrue(seen.add(m.uuid()), m.uuid() + " is in two cases"));
    }
  }

  @Test
  void every_registration_starts_the_oldest_case_it_can_fill_however_many_wait() {
    EngineFixture f = new EngineFixture();
    for (int i = 0; i < 300; i++) {
      f.coordinator.add(ScenarioReaderTest.yaml("name: w" + i + "\nroles: {a: element-web, b: hydrogen-web}\nsteps: [{do: {a: reload}}]\n"));
    }
    for (int i = 0; i < 200; i++) f.register("web" + i, "element-web");
    assertTrue(f.coordinator.cases().stream().allMatch(c -> c.state() == dev.trafficlight.core.view.CaseState.WAITING),
        "no case starts with one of its two types missing");
    for (int i = 0; i < 250; i++) f.register("hyd" + i, "hydrogen-web");
    List<dev.trafficlight.core.view.CaseView> all = f.coordinator.cases();
    assertEquals(200, all.stream().filter(c -> c.state() == dev.trafficlight.core.view.CaseState.RUNNING).count());
    for (int i = 0; i < 200; i++) {
      assertEquals(dev.trafficlight.core.view.CaseState.RUNNING, all.get(i).state(), "the oldest cases start first");
    }
    assertEquals(50, f.coordinator.clients().stream().filter(c -> c.state().equals("idle")).count());
  }
}
