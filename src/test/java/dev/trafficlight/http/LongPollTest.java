package dev.trafficlight.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trafficlight.core.scenario.Scenario;
import dev.trafficlight.http.HttpSettings;
import dev.trafficlight.server.ServerConfig;
import dev.trafficlight.testing.Adapter;
import dev.trafficlight.testing.Adapter.Reply;
import dev.trafficlight.testing.RunningServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LongPollTest {

  private static Scenario pair() {
    return Scenario.builder("pair").role("alice", "element-web").role("bob", "hydrogen-web")
        .step("first", "alice", "create_room", null)
        .step("second", "bob", "accept_invite", null)
        .build();
  }

  @Test
  void a_held_poll_returns_the_action_once_another_client_answers() throws Exception {
    try (RunningServer server = new RunningServer(pair())) {
      Adapter alice = server.adapter("alice");
      Adapter bob = server.adapter("bob");
      alice.register("element-web", "1");
      bob.register("hydrogen-web", "1");
      assertEquals("create_room", alice.poll(0).action());
      CompletableFuture<Reply> held = bob.pollAsync(60_000);
      Thread.sleep(200);
      assertFalse(held.isDone(), "bob's poll is held while alice works");
      alice.respond("{\"response\": \"room_created\"}");
      // Far below the 60 s hold: the poll came back because the action appeared.
      assertEquals("accept_invite", held.get(10, TimeUnit.SECONDS).action());
    }
  }

  @Test
  void a_plain_poll_is_held_by_default_and_returns_idle_when_the_hold_ends() {
    ServerConfig config = new ServerConfig(ServerConfig.defaults().engine(),
        HttpSettings.defaults().withDefaultHold(Duration.ofMillis(300)), null);
    try (RunningServer server = new RunningServer(config, List.of(pair()))) {
      Adapter lonely = server.adapter("lonely");
      lonely.register("element-web", "1");
      long start = System.nanoTime();
      Reply reply = lonely.poll();
      long heldMillis = (System.nanoTime() - start) / 1_000_000;
      assertEquals("idle", reply.action());
      assertTrue(heldMillis >= 250, "held for " + heldMillis + " ms");
    }
  }

  @Test
  void held_polls_do_not_tie_up_a_thread_each() throws Exception {
    try (RunningServer server = new RunningServer()) {
      int clients = 600; // more than the server's worker threads
      List<CompletableFuture<Reply>> held = new ArrayList<>();
      for (int i = 0; i < clients; i++) {
        Adapter a = server.adapter("c" + i);
        a.register("element-ios", "1");
        held.add(a.pollAsync(60_000));
      }
      Thread.sleep(500);
      assertTrue(held.stream().noneMatch(CompletableFuture::isDone));
      // The server still answers new requests at once while all of those are held.
      Adapter late = server.adapter("late");
      assertEquals(200, late.register("element-web", "1").status());
      assertEquals("idle", late.poll(0).action());
      // Give every held client a case of its own: each held poll returns its action.
      for (int i = 0; i < clients; i++) {
        server.server.coordinator().add(Scenario.builder("solo" + i).role("ios", "element-ios")
            .step("s", "ios", "reload", null).build());
      }
      for (CompletableFuture<Reply> poll : held) {
        assertEquals("reload", poll.get(30, TimeUnit.SECONDS).action());
      }
    }
  }
}
