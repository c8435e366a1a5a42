package dev.trafficlight.matrix;

import static dev.trafficlight.matrix.MatrixHarness.answerWords;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trafficlight.core.view.CaseState;
import dev.trafficlight.core.view.CaseView;
import dev.trafficlight.matrix.model.EventNames;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The homeserver and the coordinator failing mid-case: nothing is lost and nothing is doubled. */
class MatrixFaultTest {
  private static final Duration LIMIT = Duration.ofSeconds(15);

  @TempDir
  Path dataDir;
  MatrixHarness h;

  @BeforeEach
  void setUp() throws Exception {
    h = new MatrixHarness(dataDir);
  }

  @AfterEach
  void tearDown() throws Exception {
    h.close();
  }

  @Test
  void the_homeserver_down_mid_case_loses_and_doubles_nothing() throws Exception {
    h.start();
    String caseId = h.add(MatrixTransportTest.chat());
    CountDownLatch wentDown = new CountDownLatch(1);
    TestDriver alice = h.driver("alice", TestDriver.Style.PROGRAM).answering(seen -> {
      if (seen.action().equals("create_room")) {
        h.hs.down(true);
        wentDown.countDown();
      }
      return "done";
    }).open().register("element-web");
    TestDriver bob = h.driver("bob", TestDriver.Style.PROGRAM).open().register("hydrogen-web");

    assertTrue(wentDown.await(10, TimeUnit.SECONDS));
    MatrixHarness.await(() -> h.transport.health().state() == MatrixHealth.State.RETRYING, LIMIT,
        () -> "health stayed " + h.transport.health());
    h.hs.down(false);
    CaseView kase = h.awaitEnd(caseId, LIMIT);

    assertEquals(CaseState.PASSED, kase.state(), kase.reason());
    assertEquals(List.of("done", "done"), answerWords(kase, "alice"));
    assertEquals(List.of("create_room", "send_message"), alice.actionNames());
    assertEachActionSentOnce(alice.roomId, 2);
    assertEachActionSentOnce(bob.roomId, 2);
    MatrixHarness.await(() -> h.transport.health().healthy(), LIMIT, () -> "health " + h.transport.health());
  }

  @Test
  void lost_send_responses_are_retried_without_duplicates() throws Exception {
    h.start();
    TestDriver alice = h.driver("alice", TestDriver.Style.PROGRAM).open().register("element-web");
    TestDriver bob = h.driver("bob", TestDriver.Style.PROGRAM).open().register("hydrogen-web");
    MatrixHarness.await(() -> alice.notices().size() == 1 && bob.notices().size() == 1, LIMIT, () -> "not registered");

    h.hs.dropNextSendResponses(4);
    String caseId = h.add(MatrixTransportTest.chat());

    CaseView kase = h.awaitEnd(caseId, LIMIT);
    assertEquals(CaseState.PASSED, kase.state(), kase.reason());
    assertEachActionSentOnce(alice.roomId, 2);
    assertEachActionSentOnce(bob.roomId, 2);
  }

  @Test
  void rate_limits_and_server_errors_are_waited_out() throws Exception {
    h.start();
    TestDriver alice = h.driver("alice", TestDriver.Style.PROGRAM).open().register("element-web");
    TestDriver bob = h.driver("bob", TestDriver.Style.PROGRAM).open().register("hydrogen-web");
    MatrixHarness.await(() -> alice.notices().size() == 1 && bob.notices().size() == 1, LIMIT, () -> "not registered");

    h.hs.rateLimitNext(4, 40);
    h.hs.failNext(4, 502);
    String caseId = h.add(MatrixTransportTest.chat());

    CaseView kase = h.awaitEnd(caseId, LIMIT);
    assertEquals(CaseState.PASSED, kase.state(), kase.reason());
    assertEquals(List.of("done", "done"), answerWords(kase, "alice"));
    assertEachActionSentOnce(alice.roomId, 2);
  }

  @Test
  void answers_sent_while_the_transport_was_stopped_are_processed_once() throws Exception {
    h.start();
    String caseId = h.add(MatrixTransportTest.chat());
    TestDriver alice = h.driver("alice", TestDriver.Style.PROGRAM).answering(seen -> null).open().register("element-web");
    h.driver("bob", TestDriver.Style.PROGRAM).open().register("hydrogen-web");
    MatrixHarness.await(() -> alice.actions.size() == 1, LIMIT, () -> "no action for alice");

    h.stopTransport();
    String action = alice.actions.get(0).eventId();
    alice.reply(action, "done");
    alice.reply(action, "done");
    alice.answering(seen -> "done");
    h.start();

    CaseView kase = h.awaitEnd(caseId, LIMIT);
    assertEquals(CaseState.PASSED, kase.state(), kase.reason());
    assertEquals(List.of("done", "done"), answerWords(kase, "alice"));
    assertEquals(List.of("create_room", "send_message"), alice.actionNames());
    assertEachActionSentOnce(alice.roomId, 2);
    MatrixHarness.await(() -> alice.notices().stream().anyMatch(n -> n.startsWith("stale")), LIMIT,
        () -> "the second reply was not called stale: " + alice.notices());
  }

  @Test
  void an_expired_token_is_replaced_by_logging_in_again() throws Exception {
    h.settings = h.settings.withPassword("coordinator-password");
    h.start();
    String caseId = h.add(MatrixTransportTest.chat());
    TestDriver alice = h.driver("alice", TestDriver.Style.PROGRAM).answering(seen -> {
      if (seen.action().equals("create_room")) {
        h.hs.expireAll(MatrixHarness.COORDINATOR);
      }
      return "done";
    }).open().register("element-web");
    h.driver("bob", TestDriver.Style.PROGRAM).open().register("hydrogen-web");

    CaseView kase = h.awaitEnd(caseId, LIMIT);
    assertEquals(CaseState.PASSED, kase.state(), kase.reason());
    assertEachActionSentOnce(alice.roomId, 2);
    String kept = java.nio.file.Files.readString(dataDir.resolve("matrix").resolve(TransportStore.TOKEN));
    assertEquals(MatrixHarness.COORDINATOR, h.hs.userOf(kept));
  }

  @Test
  void a_rejected_token_without_a_password_shows_in_the_health() throws Exception {
    h.start();
    MatrixHarness.await(() -> h.transport.health().healthy(), LIMIT, () -> "never healthy");

    h.hs.expire(h.token);

    MatrixHarness.await(() -> h.transport.health().state() == MatrixHealth.State.TOKEN_INVALID, LIMIT,
        () -> "health " + h.transport.health());
    assertTrue(h.transport.health().detail().contains("M_UNKNOWN_TOKEN"), h.transport.health().detail());
  }

  /** Every action reached the room exactly once, as one message; and at most one exit. */
  private void assertEachActionSentOnce(String roomId, int expectedActions) throws InterruptedException {
    MatrixHarness.await(() -> actionIds(roomId).size() >= expectedActions, LIMIT, () -> "action messages missing");
    Map<String, Long> sent = actionIds(roomId).stream().collect(Collectors.groupingBy(k -> k, Collectors.counting()));
    assertEquals(expectedActions, sent.size(), "actions in " + roomId + ": " + sent);
    assertTrue(sent.values().stream().allMatch(n -> n == 1), "duplicated: " + sent);
    long exits = h.hs.events(roomId).stream().filter(e -> fields(e).path("action").asText().equals("exit")).count();
    assertTrue(exits <= 1, exits + " exits");
  }

  private List<String> actionIds(String roomId) {
    return h.hs.events(roomId).stream().map(e -> fields(e).path("action_id").asText(null)).filter(id -> id != null).toList();
  }

  private static JsonNode fields(JsonNode event) {
    return event.path("type").asText().equals(EventNames.MESSAGE) ? event.path("content").path(TestDriver.NAMES.actionType())
        : com.fasterxml.jackson.databind.node.MissingNode.getInstance();
  }
}
