package dev.trafficlight.core.scenario;

/** Where a case goes after a step: another step, or a terminal outcome. */
public sealed interface Target {
  String PASSED = "passed";
  String FAILED = "failed";

  record Step(String id) implements Target {}

  record Passed() implements Target {}

  /** Ends the case as failed; a null reason lets the engine say what happened. */
  record Failed(String reason) implements Target {}

  static Target named(String name) {
    return switch (name) {
      case PASSED -> new Passed();
      case FAILED -> new Failed(null);
      default -> new Step(name);
    };
  }
}
