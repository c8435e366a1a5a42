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
import dev.trafficlight.matrix.api.MatrixApi;
import dev.trafficlight.matrix.model.RoomEvent;
import dev.trafficlight.matrix.model.SyncBatch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.BiFunction;
import okhttp3.OkHttpClient;

/**
 * What the coordinator adds to an action's round trip over Matrix, against the in-process fake
 * homeserver (no latency of its own). A driver answers each action at once; we time from sending
 * the answer to seeing the next action. The baseline is the same two hops with no coordinator:
 * one user pings, another pongs, the first sees the pong.
 *
 * <p>Run: {@code mvn -q test-compile exec:java -Dexec.mainClass=dev.trafficlight.bench.MatrixRoundTripBenchmark
 * -Dexec.classpathScope=test}
 */
public final class MatrixRoundTripBenchmark {
  private static final int ROUNDS = 400;
  private static final int WARMUP = 100;
  private static final String ACTION = "dev.trafficlight.action";
  private static final OkHttpClient HTTP = new OkHttpClient.Builder().readTimeout(Duration.ofSeconds(60)).build();

  public static void main(String[] args) throws Exception {
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    try (FakeHomeserver hs = new FakeHomeserver()) {
      List<Long> baseline = pingPong(hs);
      List<Long> coordinated = throughCoordinator(hs);
      report("homeserver only (ping → pong seen)", baseline);
      report("through the coordinator (answer → next action seen)", coordinated);
      System.out.printf("coordinator overhead: p50 %.2f ms, p99 %.2f ms%n",
          ms(percentile(coordinated, 50) - percentile(baseline, 50)),
          ms(percentile(coordinated, 99) - percentile(baseline, 99)));
    }
    System.exit(0);
  }

  private static List<Long> throughCoordinator(FakeHomeserver hs) throws Exception {
    String coordinatorToken = hs.register("trafficlight", "pw");
    Coordinator coordinator = new Coordinator(Settings.defaults(), Clock.systemUTC());
    Path dataDir = Files.createTempDirectory("trafficlight-bench");
    MatrixSettings settings = MatrixSettings.of(hs.baseUrl(), hs.userOf(coordinatorToken), coordinatorToken,
        List.of("*:" + FakeHomeserver.SERVER_NAME));
    ScenarioBuilder scenario = Scenario.builder("bench").role("solo", "bench-client");
    for (int i = 0; i < ROUNDS + WARMUP + 1; i++) {
      scenario.step("s" + i, "solo", "noop", null);
    }
    coordinator.add(scenario.build());
    try (Ticker ticker = new Ticker(coordinator, Duration.ofMillis(100));
        MatrixTransport transport = MatrixTransport.start(settings, coordinator, dataDir)) {
      MatrixApi driver = user(hs, "driver");
      String since = driver.sync(null, null, Duration.ZERO).nextBatch();
      String room = driver.createRoom("control", List.of(settings.userId()));
      while (!hs.membership(room, settings.userId()).equals("join")) {
        Thread.sleep(5);
      }
      driver.send(room, "dev.trafficlight.register", "r", Json.object().put("type", "bench-client"));
      return loop(driver, since, room, settings.userId(), (event, api) -> {
        if (!event.type().equals(ACTION)) {
          return null;
        }
        if (event.content().path("action").asText().equals("exit")) {
          return Boolean.FALSE;
        }
        ObjectNode answer = Json.object().put("response", "done");
        answer.putObject("m.relates_to").putObject("m.in_reply_to").put("event_id", event.eventId());
        return send(api, room, "dev.trafficlight.answer", answer);
      });
    }
  }

  private static List<Long> pingPong(FakeHomeserver hs) throws Exception {
    MatrixApi pinger = user(hs, "pinger");
    MatrixApi ponger = user(hs, "ponger");
    String room = pinger.createRoom("pingpong", List.of(ponger.userId()));
    ponger.join(room);
    String pongerSince = ponger.sync(null, null, Duration.ZERO).nextBatch();
    String pingerSince = pinger.sync(null, null, Duration.ZERO).nextBatch();
    Thread pong = new Thread(() -> {
      try {
        loop(ponger, pongerSince, room, pinger.userId(), (event, api) -> {
          if (event.content().path("stop").asBoolean(false)) {
            return Boolean.FALSE;
          }
          return event.content().has("ping") ? send(api, room, "bench.pong", Json.object().put("pong", 1)) : null;
        });
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    pong.start();
    int[] n = {0};
    send(pinger, room, "bench.ping", Json.object().put("ping", n[0]));
    List<Long> times = loop(pinger, pingerSince, room, ponger.userId(), (event, api) -> {
      if (++n[0] > ROUNDS + WARMUP) {
        send(api, room, "bench.ping", Json.object().put("stop", true));
        return Boolean.FALSE;
      }
      return send(api, room, "bench.ping", Json.object().put("ping", n[0]));
    });
    pong.join();
    return times;
  }

  /**
   * Syncs as {@code api}; for each event from {@code peer} the handler answers by sending (true),
   * ends the loop (false) or ignores it (null). Answers the times from each send to the next event that
   * prompted one.
   */
  private static List<Long> loop(MatrixApi api, String since, String room, String peer,
      BiFunction<RoomEvent, MatrixApi, Boolean> handler) throws Exception {
    List<Long> times = new ArrayList<>();
    long sentAt = -1;
    while (true) {
      SyncBatch batch = api.sync(null, since, Duration.ofSeconds(30));
      since = batch.nextBatch();
      for (RoomEvent event : batch.timelines().getOrDefault(room, List.of())) {
        if (!event.sender().equals(peer)) {
          continue;
        }
        long now = System.nanoTime();
        Boolean result = handler.apply(event, api);
        if (result == null) {
          continue;
        }
        if (sentAt >= 0) {
          times.add(now - sentAt);
        }
        if (!result) {
          return times.subList(Math.min(WARMUP, times.size()), times.size());
        }
        sentAt = System.nanoTime();
      }
    }
  }

  private static int txn;

  private static Boolean send(MatrixApi api, String room, String type, ObjectNode content) {
    try {
      api.send(room, type, "b" + (++txn), content);
      return Boolean.TRUE;
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static MatrixApi user(FakeHomeserver hs, String name) {
    String token = hs.register(name, "pw");
    return new MatrixApi(HTTP, hs.baseUrl(), hs.userOf(token), token);
  }

  private static void report(String what, List<Long> times) {
    System.out.printf("%s: n=%d p50 %.2f ms, p99 %.2f ms%n", what, times.size(), ms(percentile(times, 50)),
        ms(percentile(times, 99)));
  }

  private static long percentile(List<Long> times, int p) {
    List<Long> sorted = new ArrayList<>(times);
    Collections.sort(sorted);
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
  }

  private static double ms(long nanos) {
    return nanos / 1e6;
  }
}
