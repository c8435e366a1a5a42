package dev.trafficlight.core.scenario;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One state of a scenario's state machine. */
public sealed interface Step {
  String id();

  /** Where to go when nothing else says: null means the next step in the list. */
  Target next();

  /**
   * Gives each addressed role an action at once; done when all have answered.
   *
   * @param strict whether unexpected answer words fail the case; null: as the scenario says
   */
  record Actions(String id, Map<String, ActionTemplate> actions, List<Branch> on, Target next,
      Duration timeout, Boolean strict) implements Step {
    public Actions {
      actions = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(actions));
      on = List.copyOf(on);
    }

    /** A step that reads answers as the scenario says. */
    public Actions(String id, Map<String, ActionTemplate> actions, List<Branch> on, Target next, Duration timeout) {
      this(id, actions, on, next, timeout, null);
    }
  }

  /** The coordinator waits; no client is involved. */
  record Wait(String id, Duration duration, Target next) implements Step {}

  /** The coordinator checks a value, and fails the case if it does not hold. */
  record Check(String id, String value, CheckOperator operator, String expected, String message,
      Target next) implements Step {}

  /** How a check compares. */
  enum CheckOperator {
    EQUALS("equals"), CONTAINS("contains"), MATCHES("matches");

    public final String word;

    CheckOperator(String word) {
      this.word = word;
    }
  }
}
