package dev.trafficlight.core.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** One test case: a scenario with one concrete client type per role. */
public record CaseDefinition(String id, Scenario scenario, List<Role.Cast> casts) {
  public CaseDefinition {
    casts = List.copyOf(casts);
  }

  /**
   * Expands a scenario into one case per combination of its roles' types (the cartesian product),
   * each with a readable id such as {@code verify_crosssign[element-web, element-android]}.
   */
  public static List<CaseDefinition> expand(Scenario scenario) {
    List<List<Role.Cast>> combinations = new ArrayList<>();
    combinations.add(List.of());
    for (Role role : scenario.roles().values()) {
      List<String> types = role.types().isEmpty() ? java.util.Collections.singletonList(null) : role.types();
      List<List<Role.Cast>> next = new ArrayList<>();
      for (List<Role.Cast> partial : combinations) {
        for (String type : types) {
          List<Role.Cast> extended = new ArrayList<>(partial);
          extended.add(new Role.Cast(role.name(), type, role.requirements()));
          next.add(extended);
        }
      }
      combinations = next;
    }
    return combinations.stream().map(casts -> new CaseDefinition(idOf(scenario, casts), scenario, casts)).toList();
  }

  private static String idOf(Scenario scenario, List<Role.Cast> casts) {
    if (casts.isEmpty()) return scenario.name();
    return scenario.name() + casts.stream()
        .map(c -> c.type() == null ? "any" : c.type())
        .collect(Collectors.joining(", ", "[", "]"));
  }

  public Role.Cast cast(String role) {
    return casts.stream().filter(c -> c.role().equals(role)).findFirst().orElseThrow();
  }
}
