package dev.trafficlight.core.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One step of a scenario as written; all but loops become states of its state machine. */
public sealed interface Step {
  String id();

  /** Where to go when nothing else says: null means the next step in the list. */
  Target next();

  /** When the step applies, and what it keeps. */
  default StepOptions options() {
    return StepOptions.NONE;
  }

  /** The same step with other options; a loop has none. */
  Step withOptions(StepOptions options);

  /**
   * Gives each addressed role an action at once; done when all have answered.
   *
   * @param strict whether unexpected answer words fail the case; null: as the scenario says
   */
  record Actions(String id, Map<String, ActionTemplate> actions, List<Branch> on, Target next,
      Duration timeout, Boolean strict, StepOptions options) implements Step {
    public Actions {
      actions = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(actions));
      on = List.copyOf(on);
      options = options == null ? StepOptions.NONE : options;
    }

    /** A step that reads answers as the scenario says. */
    public Actions(String id, Map<String, ActionTemplate> actions, List<Branch> on, Target next, Duration timeout) {
      this(id, actions, on, next, timeout, null, StepOptions.NONE);
    }

    @Override
    public Actions withOptions(StepOptions newOptions) {
      return new Actions(id, actions, on, next, timeout, strict, newOptions);
    }

    /** The same step with other actions and branches (a loop's copy, its roles filled in). */
    public Actions with(String newId, Map<String, ActionTemplate> newActions, List<Branch> newOn, Target newNext) {
      return new Actions(newId, newActions, newOn, newNext, timeout, strict, options);
    }
  }

  /** The coordinator waits; no client is involved. */
  record Wait(String id, Duration duration, Target next, StepOptions options) implements Step {
    public Wait {
      options = options == null ? StepOptions.NONE : options;
    }

    public Wait(String id, Duration duration, Target next) {
      this(id, duration, next, StepOptions.NONE);
    }

    @Override
    public Wait withOptions(StepOptions newOptions) {
      return new Wait(id, duration, next, newOptions);
    }
  }

  /**
   * The coordinator itself calls a case's homeserver ({@code register_user}, {@code create_room},
   * {@code wait_for_event}...); the result is kept under {@code as}, readable like an answer.
   *
   * @param server which of the scenario's servers; null: its only one
   * @param with the call's arguments, still holding {@code ${...}}
   * @param as the name the result is kept under; null: not kept
   * @param timeout the longest the call may take; null: the step timeout
   */
  record Call(String id, String call, String server, JsonNode with, String as, Duration timeout, Target next,
      StepOptions options) implements Step {
    public Call {
      options = options == null ? StepOptions.NONE : options;
    }

    @Override
    public Call withOptions(StepOptions newOptions) {
      return new Call(id, call, server, with, as, timeout, next, newOptions);
    }
  }

  /**
   * Steps repeated: {@code times} rounds, or once for each of {@code items}; {@code variable}
   * holds the round (1, 2, ...) or the item. Compiled into one copy of the body per round.
   */
  record Loop(String id, Integer times, List<String> items, String variable, List<Step> body) implements Step {
    public Loop {
      items = items == null ? null : List.copyOf(items);
      body = List.copyOf(body);
    }

    @Override
    public Target next() {
      return null;
    }

    @Override
    public Loop withOptions(StepOptions newOptions) {
      if (!newOptions.equals(StepOptions.NONE)) throw new IllegalArgumentException("a loop takes no 'when' or 'save'");
      return this;
    }

    /** How many rounds. */
    public int rounds() {
      return times != null ? times : items.size();
    }

    /** The loop variable's value in a round (1-based). */
    public String valueOf(int round) {
      return times != null ? String.valueOf(round) : items.get(round - 1);
    }
  }

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
      boolean soft, Target next, StepOptions options) implements Step {
    public Check {
      options = options == null ? StepOptions.NONE : options;
    }

    @Override
    public Check withOptions(StepOptions newOptions) {
      return new Check(id, value, operator, expected, where, message, soft, next, newOptions);
    }

    /** A check of text against text. */
    public Check(String id, String value, CheckOperator operator, String expected, String message, Target next) {
      this(id, value, operator, TextNode.valueOf(expected), null, message, false, next, StepOptions.NONE);
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
