package dev.trafficlight.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trafficlight.core.Json;
import dev.trafficlight.core.engine.Coordinator;
import dev.trafficlight.core.engine.Settings;
import dev.trafficlight.core.engine.Ticker;
import dev.trafficlight.core.scenario.Scenario;
import dev.trafficlight.core.scenario.ScenarioBuilder;
import dev.trafficlight.matrix.FakeHomeserver;
import dev.trafficlight.matrix.MatrixSettings;
import dev.trafficlight.matrix.MatrixTransport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What the coordinator adds to an action's round trip over Matrix. Drivers answer each action at
 * once; a sample is the time from the start of sending a step's last answer to a driver seeing
 * its next action (the first driver and the last one). The homeserver's own cost is measured the
 * same way with no coordinator (see {@link HomeserverAlone}); "added" is the difference, at p50
 * and p99. "Spread" is how long after the first role of a step the last one is told.
 *
 * <p>Two homeservers: the in-process fake with no latency of its own, and the same fake with a
 * real server's costs (15 ms a request, and 15 ms before a sent event is stored, as a Synapse
 * waiting for fsync), because the costs worth measuring are per request and vanish at zero latency.
 *
 * <p>Run: {@code mvn -q test-compile exec:java -Dexec.mainClass=dev.trafficlight.bench.MatrixRoundTripBenchmark
 * -Dexec.classpathScope=test} ({@code -Dbench.rounds=N} for more or fewer samples).
 */
public final class MatrixRoundTripBenchmark {
  private static final int ROUNDS = Integer.getInteger("bench.rounds", 200);
  private static final int WARMUP = 30;
  private static final Duration LATENCY = Duration.ofMillis(15);
  private static final Duration PERSIST = Duration.ofMillis(15);

  public static void main(String[] args) throws Exception {
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    System.out.println("| homeserver | roles | samples | homeserver alone p50 / p99 | through the coordinator"
        + " p50 / p99 | added p50 / p99 | spread, coordinator p50 / p99 | spread, homeserver alone p50 / p99 |");
    System.out.println("|---|---|---|---|---|---|---|---|");
    row("no latency", Duration.ZERO, Duration.ZERO, 1);
    row("15 ms a request + 15 ms to store a send", LATENCY, PERSIST, 1);
    row("15 ms a request + 15 ms to store a send", LATENCY, PERSIST, 8);
    System.exit(0);
  }

  private static void row(String name, Duration latency, Duration persist, int roles) throws Exception {
    int steps = ROUNDS + WARMUP + 1;
    List<long[]> alone;
    try (FakeHomeserver hs = new FakeHomeserver(latency, persist)) {
      alone = samples(HomeserverAlone.run(hs, roles, steps - 1));
    }
    List<long[]> coordinated;
    try (FakeHomeserver hs = new FakeHomeserver(latency, persist)) {
      coordinated = samples(throughCoordinator(hs, roles, steps));
    }
    List<Long> hsLast = column(alone, 1);
    List<Long> last = column(coordinated, 1);
    System.out.printf("| %s | %d | %d | %.1f / %.1f ms | %.1f / %.1f ms | %+.1f / %+.1f ms | %s | %s |%n", name, roles,
        coordinated.size(), ms(p(hsLast, 50)), ms(p(hsLast, 99)), ms(p(last, 50)), ms(p(last, 99)),
        ms(p(last, 50) - p(hsLast, 50)), ms(p(last, 99) - p(hsLast, 99)), spread(coordinated, roles), spread(alone, roles));
  }

  /** Per driver: {seenAt, answeredAt} by step. */
  private static List<long[][]> throughCoordinator(FakeHomeserver hs, int roles, int steps) throws Exception {
    String coordinatorToken = hs.register("trafficlight", "pw");
    Coordinator coordinator = new Coordinator(Settings.defaults(), Clock.systemUTC());
    Path dataDir = Files.createTempDirectory("trafficlight-bench");
    MatrixSettings settings = MatrixSettings.of(hs.baseUrl(), hs.userOf(coordinatorToken), coordinatorToken,
        List.of("*:" + FakeHomeserver.SERVER_NAME));
    ScenarioBuilder scenario = Scenario.builder("bench");
    for (int r = 0; r < roles; r++) {
      scenario.role("r" + r, "bench-" + r);
    }
    for (int i = 0; i < steps; i++) {
      ObjectNode data = Json.object().put("step", i);
      scenario.step("s" + i, s -> {
        for (int r = 0; r < roles; r++) {
          s.action("r" + r, "noop", data);
        }
      });
    }
    coordinator.add(scenario.build());
    List<MatrixBenchDriver> drivers = new ArrayList<>();
    try (Ticker ticker = new Ticker(coordinator, Duration.ofMillis(100));
        MatrixTransport transport = MatrixTransport.start(settings, coordinator, dataDir)) {
      for (int r = 0; r < roles; r++) {
        MatrixBenchDriver driver = new MatrixBenchDriver(hs, "driver" + r, settings.userId(), "bench-" + r, steps).open(hs);
        drivers.add(driver);
        Thread thread = new Thread(driver, "bench-driver-" + r);
        thread.setDaemon(true);
        thread.start();
      }
      for (MatrixBenchDriver driver : drivers) {
        if (!driver.exited.await(10, TimeUnit.MINUTES)) {
          throw new IllegalStateException("the case did not end");
        }
      }
    }
    return drivers.stream().map(d -> new long[][] {d.seenAt, d.answeredAt}).toList();
  }

  /** Per measured step: {to the first driver told, to the last}, from the start of the previous step's last answer. */
  private static List<long[]> samples(List<long[][]> drivers) {
    int steps = drivers.get(0)[0].length;
    List<long[]> samples = new ArrayList<>();
    for (int i = WARMUP + 1; i < steps; i++) {
      long answered = Long.MIN_VALUE;
      long first = Long.MAX_VALUE;
      long last = Long.MIN_VALUE;
      for (long[][] driver : drivers) {
        answered = Math.max(answered, driver[1][i - 1]);
        first = Math.min(first, driver[0][i]);
        last = Math.max(last, driver[0][i]);
      }
      samples.add(new long[] {first - answered, last - answered});
    }
    return samples;
  }

  private static String spread(List<long[]> samples, int roles) {
    if (roles == 1) {
      return "–";
    }
    List<Long> spread = samples.stream().map(s -> s[1] - s[0]).toList();
    return String.format("%.1f / %.1f ms", ms(p(spread, 50)), ms(p(spread, 99)));
  }

  private static List<Long> column(List<long[]> samples, int index) {
    return samples.stream().map(s -> s[index]).toList();
  }

  private static long p(List<Long> times, int percentile) {
    List<Long> sorted = new ArrayList<>(times);
    Collections.sort(sorted);
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1));
  }

  private static double ms(long nanos) {
    return nanos / 1e6;
  }
}
