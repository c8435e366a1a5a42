package dev.trafficlight.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.trafficlight.core.view.CaseState;
import dev.trafficlight.matrix.model.RoomEvent;
import dev.trafficlight.server.ServerConfig;
import dev.trafficlight.server.TrafficlightServer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A coordinator that restarts keeps its rooms and its clients, and tells no one to stop who did nothing. */
class MatrixRestartTest extends MatrixTestBase {
  @Test
  void a_restarted_coordinator_takes_its_registered_clients_back_without_a_word() throws Exception {
    h.start();
    TestDriver alice = h.driver("alice", TestDriver.Style.PROGRAM).open().register("element-web").awaitRegistered();
    // a driver that registers again under a new id: the room's client is the new one
    alice.register("element-web", "alice-second-run").awaitRegistered();
    MatrixHarness.await(() -> "alice-second-run".equals(alice.uuid), LIMIT, () -> "not re-registered: " + alice.notices());
    int seenBefore = alice.fromCoordinator.size();

    h.stopTransport();
    h.engine(MatrixHarness.ENGINE).start();
    String caseId = h.add(Scenarios.solo());

    assertEquals(CaseState.PASSED, h.awaitEnd(caseId, LIMIT).state());
    assertTrue(alice.awaitExit(LIMIT).contains("passed"));
    List<RoomEvent> since = alice.fromCoordinator.subList(seenBefore, alice.fromCoordinator.size());
    assertEquals(List.of("one", "two", "exit"), since.stream()
        .map(e -> e.content().path(TestDriver.NAMES.actionType()).path("action").asText("notice")).toList(),
        "only the case's actions and its exit after the restart");
    assertTrue(alice.exits.stream().allMatch(e -> "alice-second-run".equals(e.uuid())), "exits name the client");
  }

  @Test
  void each_run_gets_an_exit_of_its_own() throws Exception {
    h.start();
    TestDriver alice = h.driver("alice", TestDriver.Style.PROGRAM).open().register("element-web");
    assertEquals(CaseState.PASSED, h.awaitEnd(h.add(Scenarios.solo()), LIMIT).state());
    alice.awaitExit(LIMIT);

    // the same client, case and reason in a later run: the homeserver must not take the exit for a resend
    h.stopTransport();
    h.engine(MatrixHarness.ENGINE).start();
    alice.register("element-web");
    assertEquals(CaseState.PASSED, h.awaitEnd(h.add(Scenarios.solo()), LIMIT).state());

    alice.awaitExit(LIMIT);
    assertEquals(2, alice.exits.size());
    assertEquals(alice.exits.get(0).data(), alice.exits.get(1).data());
    assertNotEquals(alice.exits.get(0).eventId(), alice.exits.get(1).eventId());
  }

  @Test
  void a_start_that_fails_leaves_the_sync_position_where_it_was() throws Exception {
    h.hs.register("unused", "x");
    JsonNode yaml = new YAMLMapper().readTree("""
        matrix:
          homeserver: %s
          user_id: "%s"
          access_token: %s
          allowed_inviters: ["*:%s"]
        """.formatted(h.hs.baseUrl(), MatrixHarness.COORDINATOR, h.token, FakeHomeserver.SERVER_NAME));
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      assertThrows(RuntimeException.class, () -> TrafficlightServer.start(ServerConfig.parse(yaml), List.of(),
          "127.0.0.1", taken.getLocalPort(), dataDir));
    }

    assertFalse(Files.exists(dataDir.resolve("matrix").resolve(TransportStore.SINCE)), "the failed start synced");
  }
}
