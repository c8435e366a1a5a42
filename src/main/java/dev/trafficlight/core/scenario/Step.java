package dev.trafficlight.core.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
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

  /**
   * The coordinator checks a value, and fails the case if it does not hold; a soft check only
   * records a warning and lets the case go on.
   *
   * @param expected text for {@code equals}, {@code contains} and {@code matches}; for {@code any},
   *     {@code all} and {@code none} what an element must look like; for {@code count} a number or
   *     a comparison such as {@code ">= 2"}
   * @param where for {@code count}: which elements count (null: all)
   */
  record Check(String id, String value, CheckOperator operator, JsonNode expected, JsonNode where, String message,
      boolean soft, Target next) implements Step {

    /** A check of text against text. */
    public Check(String id, String value, CheckOperator operator, String expected, String message, Target next) {
      this(id, value, operator, TextNode.valueOf(expected), null, message, false, next);
    }
  }

  /** How a check compares. */
  enum CheckOperator {
    EQUALS("equals"), CONTAINS("contains"), MATCHES("matches"),
    ANY("any"), ALL("all"), NONE("none"), COUNT("count");

    public final String word;

    CheckOperator(String word) {
      this.word = word;
    }

    /** True for the operators over a list's elements. */
    public boolean overList() {
      return ordinal() >= ANY.ordinal();
    }
  }
}
