package dev.trafficlight.core.scenario;

import java.util.List;

/**
 * A check that a scenario's reader runs beyond the language's own rules (the action catalogue
 * is one): it names places by JSON pointer, and the reader turns them into {@code file:line}.
 */
@FunctionalInterface
public interface ScenarioCheck {
  /** Checks nothing. */
  ScenarioCheck NONE = scenario -> List.of();

  List<Finding> findings(Scenario scenario);

  /**
   * One thing found: an error makes the scenario unusable; a warning is only said.
   *
   * @param pointer a JSON pointer into the scenario file, e.g. {@code /steps/0/do/alice/action}
   */
  record Finding(String pointer, boolean error, String message) {
    public static Finding error(String pointer, String message) {
      return new Finding(pointer, true, message);
    }

    public static Finding warning(String pointer, String message) {
      return new Finding(pointer, false, message);
    }
  }
}
