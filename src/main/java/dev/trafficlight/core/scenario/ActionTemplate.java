package dev.trafficlight.core.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trafficlight.core.Json;

/** An action to give a role, its data still holding {@code ${...}} references. */
public record ActionTemplate(String action, JsonNode data) {
  public ActionTemplate {
    if (action == null || action.isBlank()) {
      throw new IllegalArgumentException("an action needs a name");
    }
    data = data == null || data.isNull() ? Json.object() : data;
  }
}
