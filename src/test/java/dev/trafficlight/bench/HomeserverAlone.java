package dev.trafficlight.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trafficlight.core.Json;
import dev.trafficlight.matrix.FakeHomeserver;
import dev.trafficlight.matrix.api.MatrixApi;
import dev.trafficlight.matrix.model.RoomEvent;
import dev.trafficlight.matrix.model.SyncBatch;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import okhttp3.OkHttpClient;

/**
 * The homeserver's own cost for what the coordinator does, with no coordinator: a hub user in
 * one room with each of {@code n} pingers. Each pinger pings; once the hub has every ping of a
 * round it pongs in every room at once; a pinger pings again as soon as it sees its pong. The
 * hub syncs as the coordinator does (without its own events); the pingers as the bench drivers.
 */
final class HomeserverAlone {
  private static final OkHttpClient HTTP = new OkHttpClient.Builder().readTimeout(Duration.ofSeconds(60)).build();

  private HomeserverAlone() {}

  /** Per pinger: {seen pong k, sent ping k} times, as {@link MatrixBenchDriver} keeps them. */
  static List<long[][]> run(FakeHomeserver hs, int n, int rounds) throws Exception {
    MatrixApi hub = user(hs, "hub");
    List<MatrixApi> pingers = new ArrayList<>();
    List<String> rooms = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      MatrixApi pinger = user(hs, "pinger" + i);
      String room = pinger.createRoom("ping", List.of(hub.userId()));
      hub.join(room);
      pingers.add(pinger);
      rooms.add(room);
    }
    ExecutorService pool = Executors.newFixedThreadPool(n + 1);
    Future<?> hubLoop = pool.submit(() -> hub(hub, rooms, rounds));
    List<Future<long[][]>> pings = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      MatrixApi pinger = pingers.get(i);
      String room = rooms.get(i);
      String since = pinger.sync(null, null, Duration.ZERO).nextBatch();
      pings.add(Executors.newSingleThreadExecutor().submit(() -> pinger(pinger, room, hub.userId(), since, rounds)));
    }
    List<long[][]> times = new ArrayList<>();
    for (Future<long[][]> ping : pings) {
      times.add(ping.get());
    }
    hubLoop.get();
    pool.shutdownNow();
    return times;
  }

  private static Void hub(MatrixApi hub, List<String> rooms, int rounds) throws Exception {
    ObjectNode filter = Json.object();
    filter.putObject("room").putObject("timeline").put("limit", 50).putArray("not_senders").add(hub.userId());
    ExecutorService senders = Executors.newFixedThreadPool(rooms.size());
    String since = hub.sync(filter.toString(), null, Duration.ZERO).nextBatch();
    Map<Integer, Integer> pings = new HashMap<>();
    for (int round = 0; round < rounds; ) {
      SyncBatch batch = hub.sync(filter.toString(), since, Duration.ofSeconds(30));
      since = batch.nextBatch();
      for (List<RoomEvent> events : batch.timelines().values()) {
        for (RoomEvent event : events) {
          if (event.content().has("ping")) {
            pings.merge(event.content().path("ping").asInt(), 1, Integer::sum);
          }
        }
      }
      while (pings.getOrDefault(round, 0) == rooms.size()) {
        int next = ++round;
        List<Future<String>> sent = new ArrayList<>();
        for (String room : rooms) {
          sent.add(senders.submit(() -> hub.send(room, "bench.pong", "pong-" + next, Json.object().put("pong", next))));
        }
        for (Future<String> s : sent) {
          s.get();
        }
      }
    }
    senders.shutdownNow();
    return null;
  }

  private static long[][] pinger(MatrixApi pinger, String room, String hub, String since, int rounds) throws Exception {
    long[] seenAt = new long[rounds + 1];
    long[] sentAt = new long[rounds + 1];
    sentAt[0] = System.nanoTime();
    pinger.send(room, "bench.ping", "ping-0", Json.object().put("ping", 0));
    for (int round = 1; round <= rounds; ) {
      SyncBatch batch = pinger.sync(null, since, Duration.ofSeconds(30));
      since = batch.nextBatch();
      for (RoomEvent event : batch.timelines().getOrDefault(room, List.of())) {
        if (event.sender().equals(hub) && event.content().path("pong").asInt() == round) {
          seenAt[round] = System.nanoTime();
          sentAt[round] = System.nanoTime();
          if (round < rounds) {
            pinger.send(room, "bench.ping", "ping-" + round, Json.object().put("ping", round));
          }
          round++;
        }
      }
    }
    return new long[][] {seenAt, sentAt};
  }

  private static MatrixApi user(FakeHomeserver hs, String name) {
    String token = hs.register(name, "pw");
    return new MatrixApi(HTTP, hs.baseUrl(), hs.userOf(token), token);
  }
}
