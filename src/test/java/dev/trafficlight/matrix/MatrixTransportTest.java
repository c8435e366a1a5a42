package dev.trafficlight.matrix;

import static dev.trafficlight.matrix.MatrixHarness.answerWords;
import static dev.trafficlight.matrix.MatrixHarness.data;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trafficlight.core.view.CaseState;
import dev.trafficlight.core.view.CaseView;
import dev.trafficlight.core.view.ClientView;
import dev.trafficlight.core.scenario.Scenario;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Whole cases played by Matrix drivers through the fake homeserver. */
class MatrixTransportTest extends MatrixTestBase {
  @BeforeEach
  void start() throws Exception {
    h.start();
  }

  static Scenario chat() {
    return Scenario.builder("chat")
        .role("alice", "element-web")
        .role("bob", "hydrogen-web")
        .step("create", "alice", "create_room", data("name", "tea"))
        .step("join", "bob", "accept_invite", null)
        .step("talk", s -> s.action("alice", "send_message", data("message", "hi"))
            .action("bob", "verify_message_in_timeline", data("message", "hi")))
        .build();
  }

  @Test
  void program_drivers_play_a_whole_case_through_their_rooms() throws Exception {
    String caseId = h.add(chat());
    TestDriver alice = h.driver("alice", TestDriver.Style.PROGRAM).open().register("element-web");
    TestDriver bob = h.driver("bob", TestDriver.Style.PROGRAM).open().register("hydrogen-web");

    CaseView kase = h.awaitEnd(caseId, LIMIT);

    assertEquals(CaseState.PASSED, kase.state(), kase.reason());
    assertEquals(List.of("create_room", "send_message"), alice.actionNames());
    assertEquals(List.of("accept_invite", "verify_message_in_timeline"), bob.actionNames());
    assertEquals("hi", alice.actions.get(1).data().path("message").asText());
    assertTrue(alice.awaitExit(LIMIT).contains("passed"));
    assertTrue(bob.awaitExit(LIMIT).contains("passed"));
    assertEquals(List.of("done", "done"), answerWords(kase, "alice"));
    for (ClientView client : h.coordinator.clients()) {
      assertEquals("matrix", client.transport());
    }
  }

  @Test
  void a_person_plays_a_role_with_plain_text_replies() throws Exception {
    String caseId = h.add(chat());
    // the answers are set before registering: the first action may come at once
    TestDriver alice = h.driver("alice", TestDriver.Style.PERSON)
        .answering(seen -> seen.action().equals("create_room") ? "created {\"room_id\": \"!x:fake.test\"}" : "sent")
        .open().register("element-web");
    TestDriver bob = h.driver("bob", TestDriver.Style.PROGRAM).open().register("hydrogen-web");

    CaseView kase = h.awaitEnd(caseId, LIMIT);

    assertEquals(CaseState.PASSED, kase.state(), kase.reason());
    assertEquals(List.of("created", "sent"), answerWords(kase, "alice"));
    assertTrue(kase.timeline().stream().anyMatch(e -> e.data() != null && "!x:fake.test".equals(e.data().path("room_id").asText())));
    assertTrue(alice.notices().stream().anyMatch(n -> n.startsWith("registered as ")), alice.notices().toString());
    assertTrue(alice.awaitExit(LIMIT).contains("passed"));
  }

  @Test
  void a_person_typing_fail_fails_the_case_and_error_breaks_it() throws Exception {
    String caseId = h.add(chat());
    TestDriver alice = h.driver("alice", TestDriver.Style.PERSON).open().register("element-web");
    h.driver("bob", TestDriver.Style.PROGRAM).open().register("hydrogen-web");
    alice.answering(seen -> "fail: the room list stayed empty");

    CaseView kase = h.awaitEnd(caseId, LIMIT);

    assertEquals(CaseState.FAILED, kase.state());
    assertTrue(kase.reason().contains("the room list stayed empty"), kase.reason());
    assertEquals("action", kase.errorDetails().path("error").path("type").asText());
  }

  @Test
  void a_program_reporting_an_adapter_error_puts_the_case_in_error() throws Exception {
    String caseId = h.add(chat());
    TestDriver alice = h.driver("alice", TestDriver.Style.PROGRAM).open().register("element-web");
    h.driver("bob", TestDriver.Style.PROGRAM).open().register("hydrogen-web");
    alice.answering(seen -> "error: browser crashed");

    CaseView kase = h.awaitEnd(caseId, LIMIT);

    assertEquals(CaseState.ERROR, kase.state());
    assertTrue(kase.reason().contains("browser crashed"), kase.reason());
  }

  @Test
  void a_second_reply_to_an_answered_action_is_stale_and_changes_nothing() throws Exception {
    String caseId = h.add(chat());
    TestDriver alice = h.driver("alice", TestDriver.Style.PROGRAM).answering(seen -> null).open().register("element-web");
    h.driver("bob", TestDriver.Style.PROGRAM).answering(seen -> null).open().register("hydrogen-web");
    MatrixHarness.await(() -> alice.actions.size() == 1, LIMIT, () -> "no action for alice");
    String actionEvent = alice.actions.get(0).eventId();

    alice.reply(actionEvent, "done");
    h.awaitStep(caseId, "join");
    alice.reply(actionEvent, "done");

    MatrixHarness.await(() -> alice.notices().stream().anyMatch(n -> n.startsWith("stale")), LIMIT,
        () -> "no stale notice: " + alice.notices());
    CaseView kase = h.coordinator.caseView(caseId).orElseThrow();
    assertEquals(List.of("done"), answerWords(kase, "alice"));
    assertEquals("join", kase.currentStep());
  }

  @Test
  void a_file_shared_as_a_reply_is_stored_with_the_case() throws Exception {
    String caseId = h.add(chat());
    TestDriver alice = h.driver("alice", TestDriver.Style.PROGRAM).open().register("element-web");
    h.driver("bob", TestDriver.Style.PROGRAM).open().register("hydrogen-web");
    byte[] video = "not really a video".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    alice.answering(seen -> {
      try {
        alice.shareFile(seen.eventId(), "../../secret/screen recording.mp4", video);
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      return "done";
    });

    h.awaitEnd(caseId, LIMIT);
    MatrixHarness.await(() -> h.coordinator.caseView(caseId).orElseThrow().artifacts().size() == 2, LIMIT,
        () -> "artifacts: " + h.coordinator.caseView(caseId).orElseThrow().artifacts());

    CaseView kase = h.coordinator.caseView(caseId).orElseThrow();
    dev.trafficlight.core.port.Artifact first = kase.artifacts().get(0);
    assertEquals("screen_recording.mp4", first.name());
    assertEquals("video/mp4", first.contentType());
    assertEquals(video.length, first.size());
    Path stored = Path.of(first.location());
    assertTrue(stored.startsWith(dataDir.resolve("cases")), stored.toString());
    assertEquals("not really a video", java.nio.file.Files.readString(stored));
    assertEquals("screen_recording-1.mp4", kase.artifacts().get(1).name());
  }

  @Test
  void a_registration_listing_the_actions_it_can_do_is_matched_by_them_and_a_bad_list_is_refused() throws Exception {
    String caseId = h.add(chat());
    TestDriver alice = h.driver("alice", TestDriver.Style.PROGRAM).open();
    alice.register(dev.trafficlight.core.Json.object().put("type", "element-web").put("actions", "create_room"));
    MatrixHarness.await(() -> alice.notices().stream().anyMatch(n -> n.startsWith("invalid: 'actions' lists")), LIMIT,
        () -> "no invalid notice: " + alice.notices());
    assertTrue(h.coordinator.clients().isEmpty(), "nothing was registered");

    com.fasterxml.jackson.databind.node.ObjectNode registration = dev.trafficlight.core.Json.object().put("type", "element-web");
    registration.putArray("actions").add("create_room").add("send_message");
    alice.register(registration);
    h.driver("bob", TestDriver.Style.PROGRAM).open().register("hydrogen-web");
    assertEquals(CaseState.PASSED, h.awaitEnd(caseId, LIMIT).state());
  }
}
