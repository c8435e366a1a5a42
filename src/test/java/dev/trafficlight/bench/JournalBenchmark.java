package dev.trafficlight.bench;

import dev.trafficlight.core.Json;
import dev.trafficlight.core.engine.Coordinator;
import dev.trafficlight.core.engine.Settings;
import dev.trafficlight.core.port.Instruction;
import dev.trafficlight.core.scenario.Scenario;
import dev.trafficlight.core.scenario.ScenarioBuilder;
import dev.trafficlight.core.store.RunStore;
import dev.trafficlight.store.JournalStore;
import dev.trafficlight.testing.Answers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * What the journal costs: N two-client 10-step cases played straight through the coordinator's
 * port, without and with the journal; then the journal's size, and how long a coordinator takes
 * to read it back (replay and compaction) and take its cases back.
 *
 * <pre>mvn -q test-compile exec:java -Dexec.mainClass=dev.trafficlight.bench.JournalBenchmark -Dcases=1000</pre>
 */
public final class JournalBenchmark {
  private static final int CASES = Integer.getInteger("cases", 1000);

  public static void main(String[] args) throws Exception {
    Path dir = Files.createTempDirectory("journal-bench");
    play(null); // warm-up, both ways
    JournalStore warm = JournalStore.open(Files.createTempDirectory("journal-bench-warm"));
    play(warm);
    warm.close();
    long bare = play(null);
    JournalStore store = JournalStore.open(dir);
    long journaled = play(store);
    long syncStart = System.nanoTime();
    store.awaitSynced();
    long syncTail = System.nanoTime() - syncStart;
    store.close();
    long bytes = Files.size(dir.resolve(JournalStore.FILE));
    System.out.printf("%d cases: %.1f ms each without the journal, %.1f ms each with it (last sync %.1f ms after)%n",
        CASES, bare / 1e6 / CASES, journaled / 1e6 / CASES, syncTail / 1e6);
    System.out.printf("journal: %.1f MB, %.1f KB a case%n", bytes / 1e6, bytes / 1e3 / CASES);
    long openStart = System.nanoTime();
    JournalStore reopened = JournalStore.open(dir);
    long opened = System.nanoTime() - openStart;
    Coordinator back = new Coordinator(Settings.defaults(), Clock.systemUTC());
    for (int c = 0; c < CASES; c++) back.add(scenario("bench-" + c));
    long restoreStart = System.nanoTime();
    back.restore(reopened.restored(), false, (transport, uuid) -> null);
    long restored = System.nanoTime() - restoreStart;
    reopened.close();
    System.out.printf("start on it: replay and compaction %.0f ms (%.1f MB after), restore %.0f ms, %d cases back%n",
        opened / 1e6, Files.size(dir.resolve(JournalStore.FILE)) / 1e6, restored / 1e6,
        back.cases().stream().filter(c -> c.state().isFinal()).count());
    System.exit(0);
  }

  private static Scenario scenario(String name) {
    ScenarioBuilder b = Scenario.builder(name).role("alice", "element-web").role("bob", "hydrogen-web");
    for (int i = 0; i < 10; i++) b.step("s" + i, s -> s.action("alice", "send").action("bob", "receive"));
    return b.build();
  }

  /** Nanoseconds to play every case to its end. */
  private static long play(RunStore store) {
    Coordinator coordinator = new Coordinator(Settings.defaults(), Clock.systemUTC());
    if (store != null) coordinator.addListener(store);
    for (int c = 0; c < CASES; c++) coordinator.add(scenario("bench-" + c));
    long start = System.nanoTime();
    for (int c = 0; c < CASES; c++) {
      List<String> uuids = List.of("a" + c, "b" + c);
      coordinator.register(uuids.get(0), Json.object().put("type", "element-web").put("version", "1"), "http", i -> { });
      coordinator.register(uuids.get(1), Json.object().put("type", "hydrogen-web").put("version", "1"), "http", i -> { });
      for (int step = 0; step < 10; step++) {
        for (String uuid : uuids) {
          Instruction reply = coordinator.current(uuid);
          if (reply instanceof Instruction.Action a) coordinator.answer(uuid, a.id(), Answers.word("ok"));
        }
      }
    }
    return System.nanoTime() - start;
  }
}
