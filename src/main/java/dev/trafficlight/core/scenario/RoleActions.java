package dev.trafficlight.core.scenario;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The actions each role of a scenario is given, read once from its state machine: what a client
 * must be able to do to play the role. An action whose name is a {@code ${...}} is known only at
 * run time and is left out; so is one in a step whose {@code when} cannot be judged from a case's
 * types (a role that takes any type), so that no client that might play the role is turned away.
 */
final class RoleActions {
  /** One action given to one role, in steps with this condition. */
  private record Need(String role, String action, Map<String, List<String>> when) {}

  private final Set<Need> needs = new LinkedHashSet<>();
  /** One instance per distinct set, shared by every case: clients remember the last set checked by identity. */
  private final Map<Set<String>, Set<String>> shared = new java.util.HashMap<>();

  RoleActions(Scenario scenario) {
    for (StateMachine.State state : scenario.machine().states()) {
      if (state.step() instanceof Step.Actions step) {
        step.actions().forEach((role, action) -> {
          if (!action.action().contains("${")) needs.add(new Need(role, action.action(), step.options().when()));
        });
      }
    }
  }

  /** For one case: each role's actions, given the type each role and server was cast as (null: any type). */
  Map<String, Set<String>> forCase(Map<String, String> types) {
    Map<String, Set<String>> byRole = new LinkedHashMap<>();
    for (Need need : needs) {
      if (surely(need.when(), types)) byRole.computeIfAbsent(need.role(), r -> new LinkedHashSet<>()).add(need.action());
    }
    byRole.replaceAll((role, actions) -> shared.computeIfAbsent(Set.copyOf(actions), s -> s));
    return byRole;
  }

  /** True when the condition holds for every client that could play the case. */
  private static boolean surely(Map<String, List<String>> when, Map<String, String> types) {
    for (Map.Entry<String, List<String>> e : when.entrySet()) {
      String type = types.get(e.getKey());
      if (type == null || !e.getValue().contains(type)) return false;
    }
    return true;
  }
}
