package dev.trafficlight.core.scenario;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One test case: a scenario with one concrete client type per role and one server type per
 * server that names types.
 *
 * @param serverTypes every server of the scenario, by name, with its type (null when untyped)
 */
public record CaseDefinition(String id, Scenario scenario, List<Role.Cast> casts, Map<String, String> serverTypes) {
  /** The most cases one scenario may expand into: beyond it, a typo in a type list is likelier than intent. */
  public static final int MAX_CASES = 1000;

  public CaseDefinition {
    casts = List.copyOf(casts);
    serverTypes = Collections.unmodifiableMap(new LinkedHashMap<>(serverTypes));
  }

  /**
   * Expands a scenario into one case per combination of its roles' types and its servers' types
   * (the cartesian product), each with a readable id such as
   * {@code verify_crosssign[element-web, element-android]}, or
   * {@code federation[element-web, hydrogen-web | synapse, dendrite]} when servers name types.
   */
  public static List<CaseDefinition> expand(Scenario scenario) {
    List<List<Role.Cast>> casts = product(new ArrayList<>(scenario.roles().values()),
        role -> role.types(), (role, type) -> new Role.Cast(role.name(), type, role.requirements()));
    List<List<String[]>> servers = product(scenario.servers(), scenario::typesOf, (server, type) -> new String[] {server, type});
    RoleActions roleActions = new RoleActions(scenario);
    List<CaseDefinition> cases = new ArrayList<>();
    for (List<Role.Cast> cast : casts) {
      for (List<String[]> serverCast : servers) {
        Map<String, String> types = new LinkedHashMap<>();
        serverCast.forEach(s -> types.put(s[0], s[1]));
        cases.add(new CaseDefinition(idOf(scenario, cast, types), scenario, withActions(cast, types, roleActions), types));
      }
    }
    return cases;
  }

  /** The casts with the actions each role is given in this case, whose steps' {@code when} the types decide. */
  private static List<Role.Cast> withActions(List<Role.Cast> casts, Map<String, String> serverTypes, RoleActions roleActions) {
    Map<String, String> types = new LinkedHashMap<>(serverTypes);
    casts.forEach(c -> types.put(c.role(), c.type()));
    Map<String, java.util.Set<String>> actions = roleActions.forCase(types);
    return casts.stream().map(c -> new Role.Cast(c.role(), c.type(), c.requirements(),
        actions.getOrDefault(c.role(), java.util.Set.of()))).toList();
  }

  /** How many cases a scenario expands into, without making them; anything above {@link #MAX_CASES} counts as one more. */
  public static long count(Scenario scenario) {
    long n = 1;
    for (Role role : scenario.roles().values()) n = Math.min(MAX_CASES + 1L, n * Math.max(1, role.types().size()));
    for (String server : scenario.servers()) n = Math.min(MAX_CASES + 1L, n * Math.max(1, scenario.typesOf(server).size()));
    return n;
  }

  private static <T, C> List<List<C>> product(List<T> items, java.util.function.Function<T, List<String>> typesOf,
      java.util.function.BiFunction<T, String, C> make) {
    List<List<C>> combinations = new ArrayList<>();
    combinations.add(List.of());
    for (T item : items) {
      List<String> types = typesOf.apply(item).isEmpty() ? Collections.singletonList(null) : typesOf.apply(item);
      List<List<C>> next = new ArrayList<>();
      for (List<C> partial : combinations) {
        for (String type : types) {
          List<C> extended = new ArrayList<>(partial);
          extended.add(make.apply(item, type));
          next.add(extended);
        }
      }
      combinations = next;
    }
    return combinations;
  }

  private static String idOf(Scenario scenario, List<Role.Cast> casts, Map<String, String> serverTypes) {
    String roles = casts.stream().map(c -> c.type() == null ? "any" : c.type()).collect(Collectors.joining(", "));
    List<String> typed = serverTypes.values().stream().filter(t -> t != null).toList();
    if (typed.isEmpty()) return casts.isEmpty() ? scenario.name() : scenario.name() + "[" + roles + "]";
    return scenario.name() + "[" + (casts.isEmpty() ? "" : roles + " | ") + String.join(", ", typed) + "]";
  }

  public Role.Cast cast(String role) {
    return casts.stream().filter(c -> c.role().equals(role)).findFirst().orElseThrow();
  }
}
