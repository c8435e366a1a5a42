package dev.trafficlight.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.trafficlight.core.Json;
import dev.trafficlight.core.view.CaseState;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a room says before the coordinator's join is history, however the homeserver hands it over. */
class MatrixHistoryTest extends MatrixTestBase {
  @Test
  void a_reinvited_coordinator_replays_nothing_of_the_rooms_history() throws Exception {
    h.start();
    String first = h.add(Scenarios.solo("first"));
    TestDriver alice = h.driver("alice", TestDriver.Style.PROGRAM).open().register("element-web");
    assertEquals(CaseState.PASSED, h.awaitEnd(first, LIMIT).state());
    alice.awaitExit(LIMIT);

    h.hs.kick(alice.roomId, alice.api.userId(), MatrixHarness.COORDINATOR);
    String second = h.add(Scenarios.solo("second"));
    alice.api.invite(alice.roomId, MatrixHarness.COORDINATOR);
    MatrixHarness.await(() -> h.hs.membership(alice.roomId, MatrixHarness.COORDINATOR).equals("join"), LIMIT,
        () -> "not joined again");
    // events are read in order: once this is answered, the history that came with the join was read
    alice.sendRetrying(TestDriver.NAMES.answerType(), Json.object().put("response", "done"));
    MatrixHarness.await(() -> alice.notices().contains("unknown_client: ignored: register first"), LIMIT,
        () -> "no answer to the new event: " + alice.notices());

    assertEquals(CaseState.WAITING, h.coordinator.caseView(second).orElseThrow().state(), "no case without a driver");
    assertEquals("exited", h.coordinator.clients().get(0).state());
    assertEquals("join", h.hs.membership(alice.roomId, MatrixHarness.COORDINATOR), "its own old leave was not replayed");
    assertEquals(2, alice.notices().size(), alice.notices().toString());
  }

  @Test
  void events_sent_before_the_coordinator_joined_are_ignored_however_often_they_come() throws Exception {
    h.start();
    h.awaitSyncing();
    TestDriver alice = h.driver("alice", TestDriver.Style.PROGRAM);
    String room = alice.api.createRoom("control", List.of());
    alice.roomId = room;
    // the coordinator is away for the invitation and what follows it, so its join surely comes later: a running
    // coordinator may join before the driver's next send is stored, and then that event is rightly new
    h.stopTransport();
    alice.api.invite(room, MatrixHarness.COORDINATOR);
    // sent between the invitation and the join: the homeserver hands these over twice
    alice.api.send(room, TestDriver.NAMES.registerType(), "early", Json.object().put("type", "element-web"));
    h.start();
    alice.open(room);
    assertEquals(List.of("invite", "register", "join"), h.hs.events(room).stream().skip(1).limit(3)
        .map(e -> e.path("content").path("membership").asText(e.path("type").asText().replaceAll(".*\\.", ""))).toList(),
        "the early event lies between the invitation and the join");
    alice.register("element-web").awaitRegistered();
    alice.chat("and now something new");
    alice.answerNaming(null, null, "done");
    MatrixHarness.await(() -> alice.notices().size() == 2, LIMIT, () -> "notices: " + alice.notices());

    assertEquals(List.of("registered as " + alice.uuid, "no_action: ignored: client " + alice.uuid
        + " has no outstanding action"), alice.notices());
    assertEquals(1, h.coordinator.clients().size());
  }

  @Test
  void a_join_into_a_long_history_is_no_gap_but_missed_events_are() throws Exception {
    h.settings = h.settings.withTimelineLimit(5);
    h.start();
    TestDriver alice = h.driver("alice", TestDriver.Style.PROGRAM).open(12).register("element-web").awaitRegistered();

    assertEquals(0, h.transport.timelineGaps(), "the history a join brings is cut short, and that is no gap");

    h.stopTransport();
    for (int i = 0; i < 8; i++) {
      alice.chat("while the coordinator was away: " + i);
    }
    h.start();
    MatrixHarness.await(() -> h.transport.timelineGaps() == 1, LIMIT, () -> "the gap went unnoticed");
  }
}
