package dev.trafficlight.matrix;

import dev.trafficlight.core.scenario.Scenario;

/** Small scenarios for the Matrix tests. */
final class Scenarios {
  private Scenarios() {}

  /** One role, {@code solo} (element-web), with action {@code one} and then action {@code two}. */
  static Scenario solo(String name) {
    return Scenario.builder(name).role("solo", "element-web")
        .step("one", "solo", "one", null)
        .step("two", "solo", "two", null)
        .build();
  }

  static Scenario solo() {
    return solo("solo");
  }
}
