package dev.trafficlight.store;

import static dev.trafficlight.store.JournalLines.instant;
import static dev.trafficlight.store.JournalLines.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trafficlight.core.store.KeptToken;
import dev.trafficlight.core.store.Restored;
import dev.trafficlight.core.view.CaseState;
import dev.trafficlight.core.view.CaseView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a journal says once its lines are read in order: the last word on each client, token and
 * case. It can write itself back as the few lines that say the same, which is how the journal is
 * compacted.
 */
final class JournalState {
  private final Map<String, Restored.Client> clients = new LinkedHashMap<>();
  private final Map<String, KeptToken> tokens = new LinkedHashMap<>();
  private final Map<String, CaseView> ended = new LinkedHashMap<>();
  /** Each ended case's line as read, written back as it is when compacting: no need to write the case again. */
  private final Map<String, String> endedLines = new LinkedHashMap<>();

  /** Takes one line of text: an ended case's straight into its record, any other through {@link #apply(JsonNode)}. */
  void apply(String text) {
    if (text.startsWith(JournalLines.ENDED_PREFIX)) {
      CaseView view = JournalLines.endedView(text);
      ended(view);
      endedLines.put(view.id(), text);
    } else {
      apply(dev.trafficlight.core.Json.parse(text));
    }
  }
  private final Map<String, Restored.Unfinished> unfinished = new LinkedHashMap<>();

  /** Takes one line; throws {@link IllegalArgumentException} for one this format could not have written. */
  void apply(JsonNode line) {
    if (!line.isObject()) throw new IllegalArgumentException("a line is a JSON object");
    switch (text(line, JournalLines.KIND)) {
      case JournalLines.CLIENT -> client(line);
      case JournalLines.TOKEN -> tokens.put(text(line, "uuid"), new KeptToken(text(line, "token"), line.path("used").asBoolean()));
      case JournalLines.DROPPED -> exited(text(line, "uuid"), text(line, "reason"), instant(line, "at"));
      case JournalLines.FORGOTTEN -> {
        clients.remove(text(line, "uuid"));
        tokens.remove(text(line, "uuid"));
      }
      case JournalLines.STARTED -> started(line);
      case JournalLines.STEP -> step(line);
      case JournalLines.ENDED -> {
        CaseView view = JournalLines.view(line.path("view"));
        ended(view);
        endedLines.put(view.id(), JournalLines.write(line));
      }
      default -> { } // the header, or a kind a newer coordinator wrote
    }
  }

  private void client(JsonNode line) {
    String uuid = text(line, "uuid");
    JsonNode registration = line.get("registration");
    if (registration == null || !registration.isObject()) throw new IllegalArgumentException("client " + uuid + " has no registration");
    clients.put(uuid, new Restored.Client(uuid, text(line, "transport"), registration, instant(line, "at"),
        line.hasNonNull("case") ? line.get("case").asText() : null,
        line.hasNonNull("exit") ? line.get("exit").asText() : null, instant(line, "exited_at")));
  }

  private void exited(String uuid, String reason, Instant at) {
    Restored.Client c = clients.get(uuid);
    if (c != null) {
      clients.put(uuid, new Restored.Client(uuid, c.transport(), c.registration(), c.registeredAt(), c.lastCase(), reason, at));
    }
  }

  private void started(JsonNode line) {
    String caseId = text(line, "case");
    Map<String, CaseView.Member> members = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = line.path("members").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> m = it.next();
      String uuid = text(m.getValue(), "uuid");
      members.put(m.getKey(), new CaseView.Member(uuid, m.getValue().path("type").asText(""), null));
      Restored.Client c = clients.get(uuid);
      if (c != null) {
        clients.put(uuid, new Restored.Client(uuid, c.transport(), c.registration(), c.registeredAt(), caseId, null, null));
      }
    }
    Instant at = instant(line, "at");
    ended.remove(caseId); // a case run again: its new run is what counts
    endedLines.remove(caseId);
    unfinished.put(caseId, new Restored.Unfinished(caseId, members, at, List.of(), at));
  }

  private void step(JsonNode line) {
    Restored.Unfinished u = unfinished.get(text(line, "case"));
    if (u == null) return;
    List<String> steps = new ArrayList<>(u.steps());
    steps.add(text(line, "step"));
    unfinished.put(u.caseId(), new Restored.Unfinished(u.caseId(), u.members(), u.startedAt(), List.copyOf(steps),
        instant(line, "at")));
  }

  /**
   * A case that ended told each of its clients to exit, unless the client has moved on since; an
   * interrupted one told nobody anything, so its clients stay as they were.
   */
  private void ended(CaseView view) {
    unfinished.remove(view.id());
    ended.put(view.id(), view);
    if (view.state() == CaseState.INTERRUPTED) return;
    String reason = "case " + view.id() + " " + view.state().word() + ": " + view.reason();
    for (CaseView.Member m : view.members().values()) {
      Restored.Client c = clients.get(m.uuid());
      if (c != null && view.id().equals(c.lastCase()) && c.exitReason() == null) exited(m.uuid(), reason, view.endedAt());
    }
  }

  Restored restored() {
    return new Restored(List.copyOf(clients.values()), tokens, ended, unfinished);
  }

  /**
   * The lines that say the same as everything read: cases first, then clients, whose lines carry
   * their whole state and so have the last word over what the case lines imply.
   */
  List<String> compacted() {
    List<String> lines = new ArrayList<>();
    lines.add(JournalLines.write(JournalLines.header()));
    lines.addAll(endedLines.values());
    for (Restored.Unfinished u : unfinished.values()) {
      lines.add(JournalLines.write(JournalLines.started(u.caseId(), u.members(), u.startedAt())));
      u.steps().forEach(step -> lines.add(JournalLines.write(JournalLines.step(u.caseId(), step, u.lastAt()))));
    }
    for (Restored.Client c : clients.values()) {
      ObjectNode line = JournalLines.client(c.uuid(), c.transport(), c.registration(), c.registeredAt());
      if (c.lastCase() != null) line.put("case", c.lastCase());
      if (c.exitReason() != null) line.put("exit", c.exitReason());
      if (c.exitedAt() != null) line.put("exited_at", c.exitedAt().toString());
      lines.add(JournalLines.write(line));
    }
    tokens.forEach((uuid, token) -> lines.add(JournalLines.write(JournalLines.token(uuid, token))));
    return lines;
  }
}
