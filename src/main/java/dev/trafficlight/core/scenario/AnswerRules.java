package dev.trafficlight.core.scenario;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How strictly a scenario reads answer words. By default any answer moves a step on; with
 * {@code strict}, an answer word that is not expected fails the case at once.
 *
 * @param strict the scenario's default; a step may say otherwise
 * @param expect action name → the words an answer to it may carry
 */
public record AnswerRules(boolean strict, Map<String, List<String>> expect) {
  public static final String STRICT = "strict";
  public static final String ANY = "any";

  public AnswerRules {
    Map<String, List<String>> copy = new LinkedHashMap<>();
    expect.forEach((action, words) -> copy.put(action, List.copyOf(words)));
    expect = Collections.unmodifiableMap(copy);
  }

  /** Any answer moves on, as adapters disagree on words. */
  public static AnswerRules lenient() {
    return new AnswerRules(false, Map.of());
  }
}
