package dev.trafficlight.core.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.Set;

/** The {@code actions} a client's registration lists: what it says it can do, read once when it registers. */
final class DeclaredActions {
  static final String FIELD = "actions";
  /** More names than any client could implement: past it, the list is a mistake. */
  static final int MAX = 1000;

  private DeclaredActions() {}

  /**
   * The names listed, or null when the registration lists none (the client may be given any action).
   *
   * @throws IllegalArgumentException saying what a valid list looks like
   */
  static Set<String> of(JsonNode registration) {
    JsonNode list = registration.get(FIELD);
    if (list == null || list.isNull()) return null;
    if (!list.isArray() || list.size() > MAX) {
      throw new IllegalArgumentException("'actions' lists the names of the actions this client can do (at most " + MAX
          + "), e.g. [\"register\", \"send_message\"]");
    }
    Set<String> names = new HashSet<>();
    for (JsonNode name : list) {
      if (!name.isTextual() || name.asText().isBlank()) {
        throw new IllegalArgumentException("'actions' lists action names as strings, e.g. [\"register\", \"send_message\"]; "
            + "found " + (name.isTextual() ? "an empty name" : name.getNodeType().name().toLowerCase(java.util.Locale.ROOT)));
      }
      names.add(name.asText());
    }
    return names;
  }
}
