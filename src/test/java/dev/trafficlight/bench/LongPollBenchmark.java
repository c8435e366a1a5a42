package dev.trafficlight.bench;

import dev.trafficlight.core.scenario.Scenario;
import dev.trafficlight.core.scenario.ScenarioBuilder;
import dev.trafficlight.http.HttpSettings;
import dev.trafficlight.server.ServerConfig;
import dev.trafficlight.testing.Adapter;
import dev.trafficlight.testing.RunningServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How long after one client answers does the other client receive its next action? Two clients
 * play ping-pong over real HTTP on loopback; each hand-over is one sample.
 *
 * <pre>mvn -q test-compile exec:java -Dexec.mainClass=dev.trafficlight.bench.LongPollBenchmark</pre>
 *
 * Modes: {@code http-floor} (one poll answered at once: what any request costs on this stack),
 * {@code long-poll} (poll?timeout=30000), {@code old-held} (plain poll, server holds it by
 * default, 5 s sleep after idle as today's adapters do), {@code old-unheld} (the same adapters
 * against a server that answers idle at once, as the original did).
 */
public final class LongPollBenchmark {
  private static final int STEPS = Integer.getInteger("steps", 400);
  private static final int OLD_STEPS = Integer.getInteger("oldSteps", 20);

  public static void main(String[] args) throws Exception {
    report("http-floor", roundTrips(STEPS));
    report("long-poll", run(HttpSettings.defaults(), STEPS, 30_000, false));
    report("old-held", run(HttpSettings.defaults(), STEPS, -1, true));
    report("old-unheld", run(HttpSettings.defaults().withDefaultHold(Duration.ZERO), OLD_STEPS, -1, true));
    System.exit(0);
  }

  /** The floor: one poll answered at once (idle), request to reply, on the same client stack. */
  private static List<Long> roundTrips(int count) {
    try (RunningServer server = new RunningServer(ServerConfig.defaults(), List.of())) {
      Adapter adapter = server.adapter("floor");
      adapter.register("element-web", "1");
      List<Long> micros = new ArrayList<>();
      for (int i = 0; i < count + 100; i++) {
        long start = System.nanoTime();
        adapter.poll(0);
        if (i >= 100) micros.add((System.nanoTime() - start) / 1000);
      }
      return micros;
    }
  }

  private static Scenario pingPong(int steps) {
    ScenarioBuilder b = Scenario.builder("ping_pong").role("ping", "element-web").role("pong", "hydrogen-web");
    for (int i = 0; i < steps; i++) {
      b.step("s" + i, i % 2 == 0 ? "ping" : "pong", "send_message", null);
    }
    return b.timeout(Duration.ofHours(1)).build();
  }

  /** Latencies in microseconds, one per hand-over between the two clients. */
  private static List<Long> run(HttpSettings http, int steps, long pollTimeout, boolean sleepAfterIdle) throws Exception {
    ServerConfig config = new ServerConfig(ServerConfig.defaults().engine(), http, null);
    Map<Integer, Long> answeredAt = new ConcurrentHashMap<>();
    Map<Integer, Long> receivedAt = new ConcurrentHashMap<>();
    try (RunningServer server = new RunningServer(config, List.of(pingPong(steps)))) {
      CompletableFuture<Void> ping = client(server, "ping", "element-web", pollTimeout, sleepAfterIdle, answeredAt, receivedAt);
      CompletableFuture<Void> pong = client(server, "pong", "hydrogen-web", pollTimeout, sleepAfterIdle, answeredAt, receivedAt);
      CompletableFuture.allOf(ping, pong).get();
    }
    List<Long> latencies = new ArrayList<>();
    for (int step = 1; step < steps; step++) {
      latencies.add((receivedAt.get(step) - answeredAt.get(step - 1)) / 1000);
    }
    return latencies;
  }

  private static CompletableFuture<Void> client(RunningServer server, String uuid, String type, long pollTimeout,
      boolean sleepAfterIdle, Map<Integer, Long> answeredAt, Map<Integer, Long> receivedAt) {
    return CompletableFuture.runAsync(() -> {
      Adapter adapter = server.adapter(uuid);
      adapter.register(type, "1");
      int myActions = 0;
      while (true) {
        Adapter.Reply reply = pollTimeout < 0 ? adapter.poll() : adapter.poll(pollTimeout);
        long now = System.nanoTime();
        String action = reply.action();
        if (action.equals("exit")) return;
        if (action.equals("idle")) {
          if (sleepAfterIdle) sleep(5000);
          continue;
        }
        int step = 2 * myActions + (uuid.equals("ping") ? 0 : 1);
        myActions++;
        receivedAt.put(step, now);
        answeredAt.put(step, System.nanoTime());
        adapter.respond("{\"response\": \"sent\"}");
      }
    }, runnable -> new Thread(runnable, uuid).start());
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void report(String mode, List<Long> micros) {
    List<Long> sorted = new ArrayList<>(micros);
    Collections.sort(sorted);
    System.out.printf("%-11s samples=%4d  p50=%9.2f ms  p99=%9.2f ms  max=%9.2f ms%n", mode, sorted.size(),
        percentile(sorted, 50) / 1000.0, percentile(sorted, 99) / 1000.0, sorted.get(sorted.size() - 1) / 1000.0);
  }

  private static long percentile(List<Long> sorted, int p) {
    int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
  }
}
