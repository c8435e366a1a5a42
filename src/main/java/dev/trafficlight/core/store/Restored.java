package dev.trafficlight.core.store;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trafficlight.core.view.CaseView;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What an earlier coordinator on the same store left: the clients it knew, their tokens, the
 * cases that ended (as they were shown), and the cases that were running when it stopped.
 */
public record Restored(List<Client> clients, Map<String, KeptToken> tokens, Map<String, CaseView> ended,
    Map<String, Unfinished> unfinished) {

  public static final Restored EMPTY = new Restored(List.of(), Map.of(), Map.of(), Map.of());

  public Restored {
    clients = List.copyOf(clients);
    tokens = Map.copyOf(tokens);
    ended = Map.copyOf(ended);
    unfinished = Map.copyOf(unfinished);
  }

  public boolean isEmpty() {
    return clients.isEmpty() && tokens.isEmpty() && ended.isEmpty() && unfinished.isEmpty();
  }

  /**
   * A client the coordinator knew.
   *
   * @param lastCase the case it is in, or was last in; null if none
   * @param exitReason what it was told when it was told to exit; null while it may still be given cases
   */
  public record Client(String uuid, String transport, JsonNode registration, Instant registeredAt, String lastCase,
      String exitReason, Instant exitedAt) {}

  /**
   * A case that had started and not ended.
   *
   * @param members role → the client playing it
   * @param steps the steps it entered, in order
   * @param lastAt when the store last heard of it
   */
  public record Unfinished(String caseId, Map<String, CaseView.Member> members, Instant startedAt, List<String> steps,
      Instant lastAt) {

    /** The step it was at; null when it had not reached its first. */
    public String step() {
      return steps.isEmpty() ? null : steps.get(steps.size() - 1);
    }
  }
}
