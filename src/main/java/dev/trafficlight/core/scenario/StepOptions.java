package dev.trafficlight.core.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What any step may also say: when it applies, and what it keeps.
 *
 * @param when role (or server) → the types it must have been cast as for the step to run; a
 *     step whose condition does not hold is skipped
 * @param save name → value, kept when the step is done, readable as {@code ${name}} afterwards
 */
public record StepOptions(Map<String, List<String>> when, Map<String, JsonNode> save) {
  public static final StepOptions NONE = new StepOptions(Map.of(), Map.of());

  public StepOptions {
    Map<String, List<String>> w = new LinkedHashMap<>();
    when.forEach((name, types) -> w.put(name, List.copyOf(types)));
    when = Collections.unmodifiableMap(w);
    save = Collections.unmodifiableMap(new LinkedHashMap<>(save));
  }

  public StepOptions withSave(Map<String, JsonNode> values) {
    return new StepOptions(when, values);
  }

  public StepOptions withWhen(Map<String, List<String>> condition) {
    return new StepOptions(condition, save);
  }
}
