package dev.trafficlight.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trafficlight.core.Json;
import dev.trafficlight.core.port.Artifact;
import dev.trafficlight.core.store.KeptToken;
import dev.trafficlight.core.store.Restored;
import dev.trafficlight.core.view.CaseState;
import dev.trafficlight.core.view.CaseView;
import dev.trafficlight.core.view.ClientView;
import dev.trafficlight.core.view.CoordinatorEvent;
import dev.trafficlight.core.view.TimelineEntry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalStoreTest {
  private static final Instant T0 = Instant.parse("2026-01-02T03:04:05.678Z");

  @TempDir
  Path dir;

  private static ClientView client(String uuid, String type) {
    return new ClientView(uuid, "http", Json.object().put("type", type).put("version", "1.0"), "idle", null, null, null,
        null, false, T0, null, null);
  }

  private static CaseView started(String id, String uuid) {
    return new CaseView(id, "chat", CaseState.RUNNING, null, Map.of("alice", "element-web"), Map.of(),
        Map.of("alice", new CaseView.Member(uuid, "element-web", null)), null, List.of(), T0, T0, null, List.of(),
        List.of(), List.of(), null, List.of());
  }

  private static CaseView passed(String id, String uuid) {
    ObjectNode answer = Json.object().put("response", "sent");
    answer.putObject("nested").putArray("list").add(1).add("two").addNull();
    List<TimelineEntry> timeline = List.of(
        new TimelineEntry(T0, TimelineEntry.Kind.STARTED, null, null, null, null, null, "alice=" + uuid),
        new TimelineEntry(T0.plusMillis(5), TimelineEntry.Kind.ACTION, "send", "alice", "a1", "send_message",
            Json.object().put("message", "hi ✓"), null),
        new TimelineEntry(T0.plusMillis(9), TimelineEntry.Kind.ANSWER, "send", "alice", "a1", "sent", answer, null),
        new TimelineEntry(T0.plusMillis(10), TimelineEntry.Kind.ENDED, "send", null, null, "passed", null, "all steps done"));
    return new CaseView(id, "chat", CaseState.PASSED, "all steps done", Map.of("alice", "element-web"), Map.of("hs", "synapse"),
        Map.of("alice", new CaseView.Member(uuid, "element-web", null)), "send", List.of("send"), T0, T0, T0.plusMillis(10),
        timeline, List.of(new Artifact("log.txt", "/data/cases/x/log.txt", 12, "text/plain")), List.of(),
        Json.object().put("error", "none"), List.of("a warning"));
  }

  private static TimelineEntry stepEntry(String step, long ms) {
    return new TimelineEntry(T0.plusMillis(ms), TimelineEntry.Kind.STEP, step, null, null, null, null, "waiting");
  }

  /** A client registered, a case that passed, and one left running at its second step. */
  private void writeHistory(JournalStore store) {
    store.on(new CoordinatorEvent.ClientRegistered(client("a", "element-web")));
    store.on(new CoordinatorEvent.ClientRegistered(client("b", "element-web")));
    store.kept("a", new KeptToken("tok-a", false));
    store.kept("a", new KeptToken("tok-a", true));
    store.on(new CoordinatorEvent.CaseStarted(started("one", "a")));
    store.on(new CoordinatorEvent.CaseProgressed("one", stepEntry("send", 1)));
    store.on(new CoordinatorEvent.CaseEnded(passed("one", "a")));
    store.on(new CoordinatorEvent.CaseStarted(started("two", "b")));
    store.on(new CoordinatorEvent.CaseProgressed("two", stepEntry("first", 2)));
    store.on(new CoordinatorEvent.CaseProgressed("two", stepEntry("first", 3)));
    store.on(new CoordinatorEvent.CaseProgressed("two", stepEntry("second", 4)));
  }

  private void assertHistory(Restored r) {
    assertEquals(passed("one", "a"), r.ended().get("one"), "a finished case comes back exactly as it was shown");
    Restored.Unfinished two = r.unfinished().get("two");
    assertEquals(List.of("first", "second"), two.steps(), "a step is kept once however many entries it made");
    assertEquals("second", two.step());
    assertEquals("b", two.members().get("alice").uuid());
    assertEquals(new KeptToken("tok-a", true), r.tokens().get("a"));
    Restored.Client a = r.clients().stream().filter(c -> c.uuid().equals("a")).findFirst().orElseThrow();
    assertEquals("case one passed: all steps done", a.exitReason(), "the client of a finished case was told to exit");
    assertEquals(T0.plusMillis(10), a.exitedAt());
    Restored.Client b = r.clients().stream().filter(c -> c.uuid().equals("b")).findFirst().orElseThrow();
    assertNull(b.exitReason(), "the client of the running case was never told to exit");
    assertEquals("two", b.lastCase());
    assertEquals("element-web", b.registration().path("type").asText());
  }

  @Test
  void what_was_written_is_read_back_after_a_kill_and_again_after_compaction() throws Exception {
    JournalStore first = JournalStore.open(dir);
    assertTrue(first.restored().isEmpty(), "a new data folder holds nothing");
    writeHistory(first);
    // no close: a killed process closes nothing
    JournalStore second = JournalStore.open(dir);
    assertHistory(second.restored());
    second.close();
    JournalStore third = JournalStore.open(dir);
    assertHistory(third.restored());
    third.close();
  }

  @Test
  void a_torn_last_line_is_dropped_and_nothing_else_is_lost() throws Exception {
    JournalStore first = JournalStore.open(dir);
    writeHistory(first);
    first.close();
    Path file = dir.resolve(JournalStore.FILE);
    String whole = JournalLines.ended(passed("two", "b"));
    Files.writeString(file, whole.substring(0, whole.length() / 2), StandardOpenOption.APPEND);

    JournalStore second = JournalStore.open(dir);
    assertHistory(second.restored());
    assertTrue(Files.readString(file).endsWith("\n"), "compaction leaves no torn line behind");
    second.close();
  }

  @Test
  void a_corrupt_line_is_skipped_and_the_lines_after_it_still_count() throws Exception {
    Path file = dir.resolve(JournalStore.FILE);
    JournalStore first = JournalStore.open(dir);
    first.on(new CoordinatorEvent.ClientRegistered(client("a", "element-web")));
    first.close();
    Files.writeString(file, "{\"t\": \"ended\", \"case\": \"x\", \"view\": {\"state\": \"NOT_A_STATE\"}}\n"
        + "{\"t\": \"ended\", \"case\": \"y\", \"view\": {\"id\": \"y\", \"state\": \"PASSED\"}}\n"
        + "{\"t\": \"client\", \"uuid\": \"b\", \"transport\": \"http\", \"registration\": {}, \"at\": \"yesterday\"}\n"
        + "not json at all\n" + "{\"t\": \"client\"}\n" + "[1, 2]\n", StandardOpenOption.APPEND);
    JournalStore appended = JournalStore.open(dir);
    appended.on(new CoordinatorEvent.ClientRegistered(client("c", "hydrogen-web")));
    appended.close();

    Restored r = JournalStore.open(dir).restored();
    assertEquals(List.of("a", "c"), r.clients().stream().map(Restored.Client::uuid).toList());
    assertTrue(r.ended().isEmpty());
  }

  @Test
  void compaction_keeps_one_line_per_client_token_and_case() throws Exception {
    JournalStore store = JournalStore.open(dir);
    for (int i = 0; i < 500; i++) {
      store.on(new CoordinatorEvent.ClientRegistered(client("a", "element-web")));
      store.kept("a", new KeptToken("tok-" + i, false));
      store.on(new CoordinatorEvent.CaseStarted(started("one", "a")));
      store.on(new CoordinatorEvent.CaseEnded(passed("one", "a")));
    }
    store.on(new CoordinatorEvent.ClientRegistered(client("gone", "element-web")));
    store.on(new CoordinatorEvent.ClientForgotten("gone"));
    store.close();
    Path file = dir.resolve(JournalStore.FILE);
    assertEquals(1 + 4 * 500 + 2, Files.readAllLines(file).size());

    Restored r = JournalStore.open(dir).restored();
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    assertEquals(4, lines.size(), "header, the case, the client, its token: " + lines);
    assertEquals(new KeptToken("tok-499", false), r.tokens().get("a"));
    assertEquals(List.of("a"), r.clients().stream().map(Restored.Client::uuid).toList(), "a forgotten client stays forgotten");
    assertEquals(passed("one", "a"), r.ended().get("one"));
  }

  @Test
  void a_client_freed_by_a_case_that_never_got_going_stays_idle() throws Exception {
    JournalStore store = JournalStore.open(dir);
    store.on(new CoordinatorEvent.ClientRegistered(client("a", "element-web")));
    store.on(new CoordinatorEvent.CaseStarted(started("one", "a")));
    store.on(new CoordinatorEvent.ClientFreed(client("a", "element-web")));
    CaseView error = passed("one", "a");
    store.on(new CoordinatorEvent.CaseEnded(new CaseView(error.id(), error.scenario(), CaseState.ERROR,
        "servers could not be prepared", error.types(), error.serverTypes(), error.members(), null, List.of(), T0, T0, T0,
        List.of(), List.of(), List.of(), null, List.of())));
    store.close();
    Restored.Client a = JournalStore.open(dir).restored().clients().get(0);
    assertNull(a.exitReason(), "it was never told to exit");
    assertEquals(CaseState.ERROR, JournalStore.open(dir).restored().ended().get("one").state());
  }

  @Test
  void a_retired_journal_moves_aside_and_the_next_start_is_fresh() throws Exception {
    JournalStore store = JournalStore.open(dir);
    writeHistory(store);
    store.retire();
    assertTrue(Files.exists(dir.resolve(JournalStore.PREVIOUS)));
    assertFalse(Files.exists(dir.resolve(JournalStore.FILE)));
    assertTrue(JournalStore.open(dir).restored().isEmpty());
  }
}
