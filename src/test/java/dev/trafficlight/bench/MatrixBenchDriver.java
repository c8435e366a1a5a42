package dev.trafficlight.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trafficlight.core.Json;
import dev.trafficlight.matrix.FakeHomeserver;
import dev.trafficlight.matrix.api.MatrixApi;
import dev.trafficlight.matrix.model.RoomEvent;
import dev.trafficlight.matrix.model.SyncBatch;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import okhttp3.OkHttpClient;

/**
 * A driver for the benchmark: its own control room and sync loop, it answers every action at
 * once and notes when it saw each step's action and when it started sending its answer. It reads
 * actions in the one-message form and in the older two-event form, so the same benchmark runs
 * against either protocol.
 */
final class MatrixBenchDriver implements Runnable {
  private static final String ACTION = "dev.trafficlight.action";
  private static final OkHttpClient HTTP = new OkHttpClient.Builder().readTimeout(Duration.ofSeconds(60)).build();

  final MatrixApi api;
  private final String coordinator;
  private final String type;
  /** Per step: when the action was seen, and when the answer's send began (System.nanoTime). */
  final long[] seenAt;
  final long[] answeredAt;
  final CountDownLatch exited = new CountDownLatch(1);
  private String room;
  private String since;
  private int txn;

  MatrixBenchDriver(FakeHomeserver hs, String name, String coordinator, String type, int steps) {
    String token = hs.register(name, "pw");
    this.api = new MatrixApi(HTTP, hs.baseUrl(), hs.userOf(token), token);
    this.coordinator = coordinator;
    this.type = type;
    this.seenAt = new long[steps];
    this.answeredAt = new long[steps];
  }

  /** Creates the room, waits for the coordinator's join, and registers. */
  MatrixBenchDriver open(FakeHomeserver hs) throws Exception {
    since = api.sync(null, null, Duration.ZERO).nextBatch();
    room = api.createRoom("bench", List.of(coordinator));
    while (!hs.membership(room, coordinator).equals("join")) {
      Thread.sleep(2);
    }
    api.send(room, "dev.trafficlight.register", "register", Json.object().put("type", type));
    return this;
  }

  @Override
  public void run() {
    try {
      while (exited.getCount() > 0) {
        SyncBatch batch = api.sync(null, since, Duration.ofSeconds(30));
        since = batch.nextBatch();
        for (RoomEvent event : batch.timelines().getOrDefault(room, List.of())) {
          if (event.sender().equals(coordinator)) {
            handle(event);
          }
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private void handle(RoomEvent event) throws IOException {
    JsonNode fields = event.type().equals(ACTION) ? event.content() : event.content().path(ACTION);
    if (!fields.has("action")) {
      return;
    }
    long now = System.nanoTime();
    if (fields.path("action").asText().equals("exit")) {
      exited.countDown();
      return;
    }
    int step = fields.path("data").path("step").asInt();
    seenAt[step] = now;
    ObjectNode answer = Json.object().put("response", "done").put("action_id", fields.path("action_id").asText());
    answer.putObject("m.relates_to").putObject("m.in_reply_to").put("event_id", event.eventId());
    answeredAt[step] = System.nanoTime();
    api.send(room, "dev.trafficlight.answer", "a" + (++txn), answer);
  }
}
