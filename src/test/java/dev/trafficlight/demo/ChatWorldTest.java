package dev.trafficlight.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trafficlight.core.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The simulated chat world keeps a homeserver's rules, so a wrong scenario fails in it. */
class ChatWorldTest {
  private final ChatWorld world = new ChatWorld(List.of(
      Json.object().put("server_name", "hs1").put("cs_api", "http://localhost:8008").put("cs_api_docker", "http://10.0.2.2:8008"),
      Json.object().put("server_name", "hs2").put("cs_api", "http://localhost:8009")));

  @Test
  void any_url_field_of_a_homeserver_leads_to_it_and_an_unknown_url_fails() {
    assertEquals("hs1", world.route("http://10.0.2.2:8008/").server());
    assertEquals("hs2", world.route("http://localhost:8009").server());
    assertTrue(assertThrows(ActionFailed.class, () -> world.route("http://elsewhere")).getMessage().contains("no homeserver at"));
  }

  @Test
  void history_visibility_hides_what_was_sent_before_the_invite() {
    ChatWorld.Device alice = world.register(world.route("http://localhost:8008"), "alice", "pw");
    ChatWorld.Device bob = world.register(world.route("http://localhost:8009"), "bob", "pw");
    String room = world.createRoom(alice, "r");
    world.send(alice, room, "before the hiding");
    world.setHistoryVisibility(alice, room, "invited");
    world.send(alice, room, "hidden");
    world.invite(alice, room, "@bob:hs2");
    world.send(alice, room, "after the invite");
    assertEquals(room, world.acceptInvite(bob));
    assertEquals(List.of("before the hiding", "after the invite"), world.timeline(bob, room, world.now()));
    assertEquals(List.of("before the hiding", "hidden", "after the invite"), world.timeline(alice, room, world.now()));
    assertEquals(List.of("before the hiding"), world.timeline(bob, room, 2), "a client reads only what it has synced");
  }

  @Test
  void what_a_homeserver_refuses_fails() {
    ChatWorld.Route hs1 = world.route("http://localhost:8008");
    ChatWorld.Device alice = world.register(hs1, "alice", "pw");
    assertThrows(ActionFailed.class, () -> world.register(hs1, "alice", "again"));
    assertThrows(ActionFailed.class, () -> world.login(hs1, "alice", "wrong"));
    String room = world.createRoom(alice, "r");
    assertThrows(ActionFailed.class, () -> world.invite(alice, room, "@nobody:hs1"));
    ChatWorld.Device carol = world.register(hs1, "carol", "pw");
    assertThrows(ActionFailed.class, () -> world.send(carol, room, "not a member"));
    assertNull(world.acceptInvite(carol), "no invitation");
    assertThrows(ActionFailed.class, () -> world.setHistoryVisibility(alice, room, "secret"));
  }

  @Test
  void two_devices_verify_with_the_same_emoji_only_after_a_request_is_accepted() {
    ChatWorld.Route hs1 = world.route("http://localhost:8008");
    ChatWorld.Device first = world.register(hs1, "u", "pw");
    ChatWorld.Device second = world.login(hs1, "u", "pw");
    assertNull(world.verifications().confirm(first), "nothing to confirm yet");
    world.verifications().request(second, "@u:hs1");
    assertFalse(world.verifications().accept(second), "a device does not accept its own request");
    assertTrue(world.verifications().accept(first));
    List<String> seenByFirst = world.verifications().confirm(first);
    assertNotNull(seenByFirst);
    assertEquals(seenByFirst, world.verifications().confirm(second));
    assertEquals(7, seenByFirst.size());
  }

  @Test
  void a_proxy_refuses_a_disabled_endpoint_and_counts_it_as_an_access() throws Exception {
    SimulatedProxy proxy = new SimulatedProxy("http://proxy.invalid/");
    world.addProxy(proxy);
    assertThrows(ActionFailed.class, () -> world.route("http://proxy.invalid/"), "no upstream yet");
    proxy.pointTo(world.homeserverAt("http://localhost:8008"));
    ChatWorld.Route route = world.route("http://proxy.invalid");
    assertEquals("hs1", route.server());
    proxy.disable(Session.SYNC);
    java.util.concurrent.atomic.AtomicInteger refusals = new java.util.concurrent.atomic.AtomicInteger();
    Thread client = new Thread(() -> { // syncs every 20 ms, as a client does
      while (!Thread.currentThread().isInterrupted()) {
        try {
          route.pass(Session.SYNC + "?since=1");
        } catch (ActionFailed refused) {
          refusals.incrementAndGet();
        }
        try {
          Thread.sleep(20);
        } catch (InterruptedException e) {
          return;
        }
      }
    });
    client.start();
    try {
      assertTrue(proxy.awaitAccess(Session.SYNC, 5000));
    } finally {
      client.interrupt();
      client.join();
    }
    assertTrue(refusals.get() >= 1);
    assertEquals(List.of("refused " + refusals.get() + " requests to " + Session.SYNC), proxy.refusalReport());
    proxy.enable(Session.SYNC);
    route.pass(Session.SYNC);
  }
}
