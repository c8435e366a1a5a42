package dev.trafficlight.matrix;

import static dev.trafficlight.matrix.MatrixHarness.answerWords;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trafficlight.core.view.CaseState;
import dev.trafficlight.core.view.CaseView;
import dev.trafficlight.matrix.model.RoomEvent;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Registering in a control room: what the driver hears, and when it is refused. */
class MatrixRegistrationTest extends MatrixTestBase {
  @BeforeEach
  void start() throws Exception {
    h.start();
  }

  @Test
  void the_registered_notice_comes_before_the_first_action() throws Exception {
    String caseId = h.add(Scenarios.solo());
    TestDriver alice = h.driver("alice", TestDriver.Style.PROGRAM).open().register("element-web");

    assertEquals(CaseState.PASSED, h.awaitEnd(caseId, LIMIT).state());
    alice.awaitExit(LIMIT);
    List<String> seen = alice.fromCoordinator.stream().filter(e -> e.type().equals("m.room.message"))
        .map(MatrixRegistrationTest::describe).toList();
    assertEquals(List.of("notice: registered as " + alice.uuid, "one", "two", "exit"), seen);
  }

  @Test
  void registering_again_in_the_middle_of_a_case_is_refused_and_the_case_goes_on() throws Exception {
    String caseId = h.add(Scenarios.solo());
    TestDriver alice = h.driver("alice", TestDriver.Style.PROGRAM).answering(seen -> null).open().register("element-web");
    MatrixHarness.await(() -> alice.actions.size() == 1, LIMIT, () -> "no action");
    String client = alice.uuid;

    alice.register("element-web");
    alice.register("element-web", "a-fresh-id");
    MatrixHarness.await(() -> alice.notices().size() == 3, LIMIT, () -> "notices: " + alice.notices());
    alice.answering(seen -> "second").reply(alice.actions.get(0).eventId(), "first");

    CaseView kase = h.awaitEnd(caseId, LIMIT);
    assertEquals(CaseState.PASSED, kase.state(), kase.reason());
    assertEquals(List.of("first", "second"), answerWords(kase, "solo"));
    for (String refusal : alice.notices().subList(1, 3)) {
      assertTrue(refusal.startsWith("refused: client " + client + " ") && refusal.contains("cannot register again"), refusal);
    }
    assertTrue(alice.receipts().stream().allMatch(r -> client.equals(r.path("uuid").asText())), "refusals name the client");
    assertEquals(1, h.coordinator.clients().size(), "no second client");
  }

  @Test
  void a_client_id_that_would_not_survive_a_url_or_a_file_name_is_refused() throws Exception {
    TestDriver alice = h.driver("alice", TestDriver.Style.PROGRAM).open().register("element-web", "../etc/passwd");

    MatrixHarness.await(() -> !alice.notices().isEmpty(), LIMIT, () -> "no notice");
    assertTrue(alice.notices().get(0).startsWith("refused: a client id is 1 to 128 letters"), alice.notices().toString());
    assertEquals(0, h.coordinator.clients().size());
  }

  private static String describe(RoomEvent event) {
    JsonNode action = event.content().path(TestDriver.NAMES.actionType()).path("action");
    return action.isTextual() ? action.asText() : "notice: " + event.content().path("body").asText();
  }
}
