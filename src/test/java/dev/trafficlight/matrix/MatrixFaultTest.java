package dev.trafficlight.matrix;

import static dev.trafficlight.matrix.MatrixHarness.answerWords;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.trafficlight.core.view.CaseState;
import dev.trafficlight.core.view.CaseView;
import dev.trafficlight.matrix.model.EventNames;
import dev.trafficlight.server.ServerConfig;
import dev.trafficlight.testing.RunningServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The homeserver and the coordinator failing mid-case: nothing is lost and nothing is doubled. */
class MatrixFaultTest extends MatrixTestBase {
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
  void a_homeserver_that_cannot_store_the_action_for_a_while_is_not_the_drivers_silence() throws Exception {
    h.engine(MatrixHarness.ENGINE.withSilenceLimit(Duration.ofMillis(500))).start();
    TestDriver alice = h.driver("alice", TestDriver.Style.PROGRAM).open().register("element-web").awaitRegistered();

    h.hs.failSends(503);
    String caseId = h.add(Scenarios.solo());
    // the action is retried for well over the silence limit before the homeserver takes it
    MatrixHarness.await(() -> h.hs.failedSends() >= 15, LIMIT, () -> "sends failed " + h.hs.failedSends() + " times");
    h.hs.failSends(0);

    CaseView kase = h.awaitEnd(caseId, LIMIT);
    assertEquals(CaseState.PASSED, kase.state(), kase.reason());
    assertEquals(List.of("one", "two"), alice.actionNames());
  }

  @Test
  void a_revoked_token_is_replaced_by_one_login_and_nothing_waits_for_the_backoff() throws Exception {
    h.settings = h.settings.withPassword("coordinator-password")
        .withTimings(Duration.ofMillis(300), Duration.ofMillis(10), Duration.ofSeconds(20));
    h.start();
    String caseId = h.add(Scenarios.solo());
    long[] revokedAt = new long[1];
    long[] loginsBefore = new long[1];
    TestDriver alice = h.driver("alice", TestDriver.Style.PROGRAM);
    alice.answering(seen -> {
      if (seen.action().equals("one")) {
        loginsBefore[0] = logins();
        h.hs.expireAll(MatrixHarness.COORDINATOR);
        revokedAt[0] = System.nanoTime();
      }
      return "done";
    }).open().register("element-web");

    alice.awaitExit(LIMIT);
    assertTrue(System.nanoTime() - revokedAt[0] < Duration.ofSeconds(5).toNanos(), "waited for the 20 s backoff");
    assertEquals(1, logins() - loginsBefore[0], "one login for every caller that met the revoked token");
    assertEquals(CaseState.PASSED, h.coordinator.caseView(caseId).orElseThrow().state());
  }

  @Test
  void serve_starts_without_its_homeserver_and_shows_why_until_it_is_back() throws Exception {
    h.hs.down(true);
    JsonNode yaml = new YAMLMapper().readTree("""
        matrix:
          homeserver: %s
          user_id: "%s"
          password: coordinator-password
          allowed_inviters: ["*:%s"]
          sync_timeout: 300ms
          backoff_min: 10ms
          backoff_max: 100ms
        """.formatted(h.hs.baseUrl(), MatrixHarness.COORDINATOR, FakeHomeserver.SERVER_NAME));
    try (RunningServer server = new RunningServer(ServerConfig.parse(yaml), List.of(Scenarios.solo()))) {
      MatrixHarness.await(() -> get(server.url + "/status").contains("Matrix transport"), LIMIT, () -> "no notice");
      assertTrue(get(server.url + "/status").contains("retrying"), get(server.url + "/status"));

      h.hs.down(false);
      MatrixHarness.await(() -> !get(server.url + "/status").contains("Matrix transport"), LIMIT,
          () -> get(server.url + "/status"));
      TestDriver alice = h.driver("alice", TestDriver.Style.PROGRAM).open().register("element-web");
      alice.awaitExit(LIMIT);
      assertEquals(CaseState.PASSED, server.server.coordinator().caseView("solo[element-web]").orElseThrow().state());
    }
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

  private long logins() {
    return h.hs.requests().stream().filter(r -> r.equals("POST /_matrix/client/v3/login")).count();
  }

  private static String get(String url) {
    try {
      return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).build(),
          java.net.http.HttpResponse.BodyHandlers.ofString()).body();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private List<String> actionIds(String roomId) {
    return h.hs.events(roomId).stream().map(e -> fields(e).path("action_id").asText(null)).filter(id -> id != null).toList();
  }

  private static JsonNode fields(JsonNode event) {
    return event.path("type").asText().equals(EventNames.MESSAGE) ? event.path("content").path(TestDriver.NAMES.actionType())
        : com.fasterxml.jackson.databind.node.MissingNode.getInstance();
  }
}
