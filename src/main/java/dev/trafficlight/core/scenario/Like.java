package dev.trafficlight.core.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trafficlight.core.Json;
import java.util.List;
import java.util.Map;

/**
 * When a value is "like" a pattern, as list checks and {@code wait_for_event} read it: every field
 * the pattern names has the pattern's value (as text; a name may be a dotted path; a nested
 * mapping matches nested fields), whatever other fields the value has and in whatever order.
 */
public final class Like {
  private Like() {}

  public static boolean matches(JsonNode value, JsonNode pattern) {
    if (value == null) return false;
    if (pattern.isValueNode()) return value.isValueNode() && Json.text(value).equals(Json.text(pattern));
    if (pattern.isArray()) return pattern.equals(value);
    if (!value.isObject()) return false;
    for (Map.Entry<String, JsonNode> field : (Iterable<Map.Entry<String, JsonNode>>) pattern::fields) {
      if (!matches(Template.at(value, List.of(field.getKey().split("\\."))), field.getValue())) return false;
    }
    return true;
  }
}
