package dev.trafficlight.matrix;

import static dev.trafficlight.matrix.MatrixHarness.answerWords;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trafficlight.core.view.CaseState;
import dev.trafficlight.core.view.CaseView;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** An answer is credited to the action it answers, and to no other. */
class MatrixAttributionTest extends MatrixTestBase {
  @BeforeEach
  void start() throws Exception {
    h.start();
  }

  @Test
  void a_late_second_reply_is_stale_and_never_answers_the_next_action() throws Exception {
    // the driver sees each action before the homeserver confirms it to the coordinator
    h.hs.confirmSendsAfter(Duration.ofMillis(300));
    String caseId = h.add(Scenarios.solo());
    TestDriver alice = h.driver("alice", TestDriver.Style.PROGRAM);
    alice.answering(seen -> {
      if (seen.action().equals("one")) {
        reply(alice, seen.eventId(), "first");
        reply(alice, seen.eventId(), "again");
        return null;
      }
      return "second";
    }).open().register("element-web");

    CaseView kase = h.awaitEnd(caseId, LIMIT);

    assertEquals(CaseState.PASSED, kase.state(), kase.reason());
    assertEquals(List.of("first", "second"), answerWords(kase, "solo"));
    alice.awaitExit(LIMIT);
    assertEquals(1, alice.notices().stream().filter(n -> n.startsWith("stale")).count(), alice.notices().toString());
  }

  @Test
  void an_answer_counts_for_the_action_it_names_and_a_reply_to_anything_else_is_stale() throws Exception {
    String caseId = h.add(Scenarios.solo());
    TestDriver alice = h.driver("alice", TestDriver.Style.PROGRAM).answering(seen -> null).open().register("element-web");
    MatrixHarness.await(() -> alice.actions.size() == 1, LIMIT, () -> "no action");
    TestDriver.Seen one = alice.actions.get(0);
    String registered = alice.fromCoordinator.get(0).eventId();

    alice.reply(registered, "done");
    alice.answerNaming("not-an-action", null, "done");
    alice.answerNaming(one.actionId(), null, "named");
    MatrixHarness.await(() -> alice.actions.size() == 2, LIMIT, () -> "no second action");
    alice.answerNaming(one.actionId(), null, "again");
    alice.answerNaming(alice.actions.get(1).actionId(), null, "named-too");

    CaseView kase = h.awaitEnd(caseId, LIMIT);
    assertEquals(CaseState.PASSED, kase.state(), kase.reason());
    assertEquals(List.of("named", "named-too"), answerWords(kase, "solo"));
    alice.awaitExit(LIMIT);
    List<String> stale = alice.notices().stream().filter(n -> n.startsWith("stale")).toList();
    assertEquals(3, stale.size(), alice.notices().toString());
    assertTrue(stale.get(0).contains("not to an action of client " + alice.uuid), stale.get(0));
    assertTrue(alice.receipts().stream().allMatch(r -> alice.uuid.equals(r.path("uuid").asText())), "every notice names the client");
  }

  @Test
  void an_event_the_homeserver_delivers_twice_is_handled_once() throws Exception {
    String caseId = h.add(Scenarios.solo());
    TestDriver alice = h.driver("alice", TestDriver.Style.PROGRAM);
    alice.answering(seen -> {
      if (seen.action().equals("one")) {
        h.hs.deliverNextEventsTwice(1);
        return "first";
      }
      return "second";
    }).open().register("element-web");

    CaseView kase = h.awaitEnd(caseId, LIMIT);

    assertEquals(CaseState.PASSED, kase.state(), kase.reason());
    assertEquals(List.of("first", "second"), answerWords(kase, "solo"));
    // notices and the exit share the room's order: once the exit is seen, any notice about the copy would be too
    alice.awaitExit(LIMIT);
    assertEquals(List.of("registered as " + alice.uuid), alice.notices());
  }

  @Test
  void the_older_two_event_form_still_plays_a_case_for_programs_and_people() throws Exception {
    h.stopTransport();
    h.settings = h.settings.withActionEvents(MatrixSettings.ActionEvents.TWO);
    h.start();
    String caseId = h.add(MatrixTransportTest.chat());
    TestDriver alice = h.driver("alice", TestDriver.Style.PERSON).open().register("element-web");
    TestDriver bob = h.driver("bob", TestDriver.Style.PROGRAM).open().register("hydrogen-web");

    CaseView kase = h.awaitEnd(caseId, LIMIT);

    assertEquals(CaseState.PASSED, kase.state(), kase.reason());
    assertEquals(List.of("create_room", "send_message"), alice.actionNames());
    assertEquals(List.of("accept_invite", "verify_message_in_timeline"), bob.actionNames());
    bob.awaitExit(LIMIT);
    long structured = h.hs.events(bob.roomId).stream()
        .filter(e -> e.path("type").asText().equals(TestDriver.NAMES.actionType())).count();
    assertEquals(3, structured, "two actions and the exit as structured events");
  }

  private static void reply(TestDriver driver, String eventId, String words) {
    try {
      driver.reply(eventId, words);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

}
