package dev.trafficlight.core.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trafficlight.core.Json;
import java.util.List;

/**
 * An action to give a role, its data still holding {@code ${...}} references.
 *
 * @param expect the words an answer may carry when answers are strict; empty: the scenario's table says
 */
public record ActionTemplate(String action, JsonNode data, List<String> expect) {
  public ActionTemplate {
    if (action == null || action.isBlank()) {
      throw new IllegalArgumentException("an action needs a name");
    }
    data = data == null || data.isNull() ? Json.object() : data;
    expect = expect == null ? List.of() : List.copyOf(expect);
  }

  /** An action whose expected words come from the scenario's table. */
  public ActionTemplate(String action, JsonNode data) {
    this(action, data, List.of());
  }
}
