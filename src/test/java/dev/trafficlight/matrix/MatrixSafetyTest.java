package dev.trafficlight.matrix;

import static dev.trafficlight.matrix.MatrixHarness.answerWords;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trafficlight.core.Json;
import dev.trafficlight.core.view.CaseState;
import dev.trafficlight.core.view.CaseView;
import dev.trafficlight.matrix.api.MatrixApi;
import dev.trafficlight.matrix.model.EventNames;
import java.time.Duration;
import java.util.List;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

/** Who may drive a client, and what happens when a driver goes away. */
class MatrixSafetyTest extends MatrixTestBase {
  @Test
  void a_stranger_posting_in_a_control_room_is_ignored() throws Exception {
    h.start();
    String caseId = h.add(MatrixTransportTest.chat());
    TestDriver alice = h.driver("alice", TestDriver.Style.PROGRAM).answering(seen -> null).open().register("element-web");
    h.driver("bob", TestDriver.Style.PROGRAM).open().register("hydrogen-web");
    MatrixHarness.await(() -> alice.actions.size() == 1, LIMIT, () -> "no action for alice");
    String token = h.hs.register("mallory", "x");
    MatrixApi mallory = new MatrixApi(new OkHttpClient(), h.hs.baseUrl(), h.hs.userOf(token), token);
    alice.api.invite(alice.roomId, mallory.userId());
    mallory.join(alice.roomId);

    var answer = Json.object().put("response", "done");
    answer.putObject("m.relates_to").putObject("m.in_reply_to").put("event_id", alice.actions.get(0).eventId());
    mallory.send(alice.roomId, TestDriver.NAMES.answerType(), "m1", answer);
    String malloryEvent = mallory.send(alice.roomId, TestDriver.NAMES.registerType(), "m2", Json.object().put("type", "element-web"));
    var text = Json.object().put("msgtype", "m.text").put("body", "fail: sabotage");
    text.putObject("m.relates_to").putObject("m.in_reply_to").put("event_id", alice.actions.get(0).eventId());
    mallory.send(alice.roomId, EventNames.MESSAGE, "m3", text);
    // events are handled in order: once alice's reply to a wrong event is called stale, mallory's were read
    alice.reply(malloryEvent, "done");
    MatrixHarness.await(() -> alice.notices().stream().anyMatch(n -> n.startsWith("stale")), LIMIT,
        () -> "no stale notice: " + alice.notices());

    CaseView kase = h.coordinator.caseView(caseId).orElseThrow();
    assertEquals(CaseState.RUNNING, kase.state());
    assertEquals("create", kase.currentStep());
    assertEquals(List.of(), answerWords(kase, "alice"));
    assertEquals(2, h.coordinator.clients().size());
    assertEquals(2, alice.notices().size(), "one for the registration, one for the stale reply: " + alice.notices());

    alice.answering(seen -> "done").reply(alice.actions.get(0).eventId(), "done");
    assertEquals(CaseState.PASSED, h.awaitEnd(caseId, LIMIT).state());
  }

  @Test
  void an_invitation_from_someone_not_allowed_is_declined() throws Exception {
    h.settings = h.settings.withAllowedInviters(List.of("@alice:" + FakeHomeserver.SERVER_NAME));
    h.start();
    String token = h.hs.register("eve", "x");
    MatrixApi eve = new MatrixApi(new OkHttpClient(), h.hs.baseUrl(), h.hs.userOf(token), token);
    String room = eve.createRoom("control", List.of(MatrixHarness.COORDINATOR));

    MatrixHarness.await(() -> h.hs.membership(room, MatrixHarness.COORDINATOR).equals("leave"), LIMIT,
        () -> "the coordinator is " + h.hs.membership(room, MatrixHarness.COORDINATOR) + " in eve's room");
    TestDriver alice = h.driver("alice", TestDriver.Style.PROGRAM).open().register("element-web");
    MatrixHarness.await(() -> h.coordinator.clients().size() == 1, LIMIT, () -> "alice did not register");
    assertEquals("element-web", h.coordinator.clients().get(0).type());
    assertEquals("join", h.hs.membership(alice.roomId, MatrixHarness.COORDINATOR));
  }

  @Test
  void a_driver_leaving_its_room_puts_the_case_in_error() throws Exception {
    h.start();
    String caseId = h.add(MatrixTransportTest.chat());
    TestDriver alice = h.driver("alice", TestDriver.Style.PROGRAM).answering(seen -> null).open().register("element-web");
    h.driver("bob", TestDriver.Style.PROGRAM).open().register("hydrogen-web");
    MatrixHarness.await(() -> alice.actions.size() == 1, LIMIT, () -> "no action for alice");

    alice.api.leave(alice.roomId);

    CaseView kase = h.awaitEnd(caseId, LIMIT);
    assertEquals(CaseState.ERROR, kase.state());
    assertTrue(kase.reason().contains("left the room"), kase.reason());
    MatrixHarness.await(() -> h.hs.membership(alice.roomId, MatrixHarness.COORDINATOR).equals("leave"), LIMIT,
        () -> "the coordinator stayed in the abandoned room");
  }

  @Test
  void a_driver_silent_past_the_engines_limit_puts_the_case_in_error_and_is_told_to_exit() throws Exception {
    h.engine(MatrixHarness.ENGINE.withSilenceLimit(Duration.ofMillis(400))).start();
    String caseId = h.add(MatrixTransportTest.chat());
    TestDriver alice = h.driver("alice", TestDriver.Style.PROGRAM).answering(seen -> null).open().register("element-web");
    h.driver("bob", TestDriver.Style.PROGRAM).open().register("hydrogen-web");

    CaseView kase = h.awaitEnd(caseId, LIMIT);
    String reason = alice.awaitExit(LIMIT);

    assertEquals(CaseState.ERROR, kase.state());
    assertTrue(kase.reason().contains("has neither polled nor answered"), kase.reason());
    assertTrue(reason.contains("has neither polled nor answered"), reason);
    assertEquals(alice.uuid, alice.exits.get(0).uuid(), "the exit names the silent client");
    assertTrue(alice.notices().stream().noneMatch(n -> n.startsWith("refused")), alice.notices().toString());
  }

  @Test
  void a_driver_waiting_in_its_room_for_a_case_is_never_dropped_as_idle() throws Exception {
    h.engine(MatrixHarness.ENGINE.withIdleDrop(Duration.ofMillis(300))).start();
    TestDriver alice = h.driver("alice", TestDriver.Style.PROGRAM).open().register("element-web").awaitRegistered();
    TestDriver bob = h.driver("bob", TestDriver.Style.PROGRAM).open().register("hydrogen-web").awaitRegistered();

    // bob's driver goes away: his client, registered after alice's, is dropped once the idle limit passes
    bob.api.leave(bob.roomId);
    MatrixHarness.await(() -> h.coordinator.client(bob.uuid).orElseThrow().state().equals("exited"), LIMIT,
        () -> "bob was never dropped");

    assertEquals("idle", h.coordinator.client(alice.uuid).orElseThrow().state(), "alice waits in her room, as over a held poll");
    assertTrue(alice.exits.isEmpty());
  }

  @Test
  void a_client_waiting_on_its_action_hears_exit_soon_when_another_breaks_the_case() throws Exception {
    h.settings = h.settings.withTimings(Duration.ofMillis(300), Duration.ofMillis(10), Duration.ofMillis(100));
    h.start();
    String caseId = h.add(MatrixTransportTest.chat());
    TestDriver alice = h.driver("alice", TestDriver.Style.PROGRAM)
        .answering(seen -> seen.action().equals("send_message") ? null : "done").open().register("element-web");
    h.driver("bob", TestDriver.Style.PROGRAM)
        .answering(seen -> seen.action().equals("verify_message_in_timeline") ? "error: device lost" : "done")
        .open().register("hydrogen-web");

    assertEquals(CaseState.ERROR, h.awaitEnd(caseId, LIMIT).state());
    long endedAt = System.nanoTime();
    String reason = alice.awaitExit(Duration.ofSeconds(5));

    assertTrue(reason.contains("device lost"), reason);
    assertTrue(System.nanoTime() - endedAt < Duration.ofSeconds(3).toNanos(), "exit came late");
  }

  @Test
  void an_event_larger_than_the_limit_is_refused_with_a_notice() throws Exception {
    h.settings = MatrixSettings.of(h.hs.baseUrl(), MatrixHarness.COORDINATOR, h.token, h.settings.allowedInviters());
    h.start();
    TestDriver alice = h.driver("alice", TestDriver.Style.PROGRAM).open();
    // under the homeserver's own cap, which refuses a whole event over 64 KiB before anyone sees it
    alice.sendRetrying(TestDriver.NAMES.registerType(), Json.object().put("type", "element-web").put("padding", "x".repeat(40_000)));

    MatrixHarness.await(() -> !alice.notices().isEmpty(), LIMIT, () -> "no notice");
    assertTrue(alice.notices().get(0).contains("larger than"), alice.notices().toString());
    assertEquals(0, h.coordinator.clients().size());
  }
}
