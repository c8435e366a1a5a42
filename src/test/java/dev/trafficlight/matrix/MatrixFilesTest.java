package dev.trafficlight.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trafficlight.core.port.Artifact;
import dev.trafficlight.core.view.CaseView;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Files drivers share: bad ones are refused at once, flaky downloads retried, and one room's trouble stops no other. */
class MatrixFilesTest extends MatrixTestBase {
  private static final byte[] VIDEO = "a short video".getBytes(StandardCharsets.UTF_8);

  @BeforeEach
  void start() throws Exception {
    h.start();
  }

  @Test
  void bad_file_messages_are_refused_and_every_good_file_is_still_stored() throws Exception {
    String caseId = h.add(MatrixTransportTest.chat());
    TestDriver alice = h.driver("alice", TestDriver.Style.PROGRAM);
    alice.answering(seen -> {
      if (seen.action().equals("create_room")) {
        share(() -> alice.shareLink(seen.eventId(), "link.mp4", "https://example.org/link.mp4"));
        share(() -> alice.shareLink(seen.eventId(), "secret.mp4", null));
        share(() -> alice.shareLink(seen.eventId(), "gone.mp4", "mxc://" + FakeHomeserver.SERVER_NAME + "/no-such-media"));
        share(() -> alice.shareFile(seen.eventId(), "alice.mp4", VIDEO));
      }
      return "done";
    }).open().register("element-web");
    TestDriver bob = h.driver("bob", TestDriver.Style.PROGRAM);
    bob.answering(seen -> {
      share(() -> bob.shareFile(seen.eventId(), "bob.mp4", VIDEO));
      return "done";
    }).open().register("hydrogen-web");

    h.awaitEnd(caseId, LIMIT);
    MatrixHarness.await(() -> artifacts(caseId).size() == 3, LIMIT, () -> "stored: " + artifacts(caseId));
    MatrixHarness.await(() -> alice.notices().size() == 4, LIMIT, () -> "notices: " + alice.notices());

    assertEquals(List.of("alice.mp4", "bob-1.mp4", "bob.mp4"), artifacts(caseId).stream().map(Artifact::name).sorted().toList());
    List<String> refused = alice.notices().subList(1, 4);
    assertTrue(refused.get(0).startsWith("refused: file link.mp4 not stored: its url is not an mxc:// URI"), refused.get(0));
    assertTrue(refused.get(1).startsWith("refused: file secret.mp4 not stored: the event has no url"), refused.get(1));
    assertTrue(refused.get(2).startsWith("refused: file gone.mp4 not stored") && refused.get(2).contains("M_NOT_FOUND"),
        refused.get(2));
    assertEquals(List.of(), emptyFiles(), "no empty leftovers");
  }

  @Test
  void a_download_that_fails_for_a_moment_is_tried_again() throws Exception {
    String caseId = h.add(Scenarios.solo());
    TestDriver alice = h.driver("alice", TestDriver.Style.PROGRAM);
    alice.answering(seen -> {
      if (seen.action().equals("one")) {
        h.hs.failNext(2, 502, "GET /_matrix/media");
        share(() -> alice.shareFile(seen.eventId(), "log.txt", VIDEO));
      }
      return "done";
    }).open().register("element-web");

    h.awaitEnd(caseId, LIMIT);
    MatrixHarness.await(() -> artifacts(caseId).size() == 1, LIMIT, () -> "stored: " + artifacts(caseId));

    assertEquals("a short video", Files.readString(Path.of(artifacts(caseId).get(0).location())));
    assertEquals(List.of("registered as " + alice.uuid), alice.notices());
  }

  @Test
  void a_file_shared_after_exit_stays_with_its_case_when_the_client_is_already_in_the_next() throws Exception {
    String first = h.add(Scenarios.solo("first"));
    TestDriver alice = h.driver("alice", TestDriver.Style.PROGRAM);
    alice.answering(seen -> "done").open().register("element-web", "alice-client");
    alice.awaitExit(LIMIT);
    String second = h.add(Scenarios.solo("second"));
    // the download fails twice and is retried, so the registration after it is handled first
    h.hs.failNext(2, 502, "GET /_matrix/media");
    alice.shareFile(alice.exits.get(0).eventId(), "first-case.log", VIDEO);
    alice.register("element-web", "alice-client");

    h.awaitEnd(second, LIMIT);
    MatrixHarness.await(() -> artifacts(first).size() == 1, LIMIT, () -> "first: " + artifacts(first)
        + ", second: " + artifacts(second));
    assertEquals("first-case.log", artifacts(first).get(0).name());
    assertEquals(List.of(), artifacts(second));
  }

  private List<Artifact> artifacts(String caseId) {
    CaseView kase = h.coordinator.caseView(caseId).orElseThrow();
    return kase.artifacts();
  }

  private List<Path> emptyFiles() throws IOException {
    try (Stream<Path> files = Files.walk(dataDir)) {
      return files.filter(Files::isRegularFile).filter(f -> f.toFile().length() == 0).toList();
    }
  }

  @FunctionalInterface
  private interface Share {
    String run() throws IOException;
  }

  private static void share(Share share) {
    try {
      share.run();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
