package dev.trafficlight.core.scenario;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What one run chooses of its scenarios: client and server types given at run time, and which
 * case ids run. {@code alice=element-web,hydrogen-web} replaces the types of every role or server
 * named {@code alice}; a bare {@code element-web,hydrogen-web} narrows every role (or server) to
 * those of its types that are listed. Case patterns use {@code *} for any text.
 */
public record Selection(Map<String, List<String>> replace, Set<String> narrow, List<String> cases) {
  public Selection {
    Map<String, List<String>> copy = new LinkedHashMap<>();
    replace.forEach((name, types) -> copy.put(name, List.copyOf(types)));
    replace = java.util.Collections.unmodifiableMap(copy);
    narrow = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(narrow));
    cases = List.copyOf(cases);
  }

  /** Every type as written, every case. */
  public static Selection all() {
    return new Selection(Map.of(), Set.of(), List.of());
  }

  /**
   * Reads {@code --types} and {@code --cases} values; each value may hold several entries
   * separated by {@code ;} (as the environment variables do). Throws {@link IllegalArgumentException}.
   */
  public static Selection parse(List<String> typeValues, List<String> caseValues) {
    Map<String, List<String>> replace = new LinkedHashMap<>();
    Set<String> narrow = new LinkedHashSet<>();
    for (String entry : entries(typeValues)) {
      int eq = entry.indexOf('=');
      List<String> types = list(eq < 0 ? entry : entry.substring(eq + 1), entry);
      if (eq < 0) {
        narrow.addAll(types);
      } else {
        String name = entry.substring(0, eq).strip();
        if (name.isEmpty()) throw new IllegalArgumentException("--types '" + entry + "' names no role or server before '='");
        if (replace.put(name, types) != null) throw new IllegalArgumentException("--types gives '" + name + "' twice");
      }
    }
    return new Selection(replace, narrow, entries(caseValues));
  }

  private static List<String> entries(List<String> values) {
    List<String> entries = new ArrayList<>();
    for (String value : values) {
      for (String entry : value.split(";")) {
        if (!entry.isBlank()) entries.add(entry.strip());
      }
    }
    return entries;
  }

  private static List<String> list(String types, String entry) {
    List<String> list = new ArrayList<>();
    for (String type : types.split(",", -1)) {
      if (type.isBlank()) throw new IllegalArgumentException("--types '" + entry + "' has an empty type; write e.g. alice=element-web,hydrogen-web");
      list.add(type.strip());
    }
    return list;
  }

  /** True when nothing is chosen: every scenario runs as written. */
  public boolean isAll() {
    return replace.isEmpty() && narrow.isEmpty() && cases.isEmpty();
  }

  /**
   * The scenarios as this run sees them; a scenario none of whose cases is left is dropped.
   * Throws when a name or type matches nothing, or nothing at all is left to run.
   */
  public List<Scenario> apply(List<Scenario> scenarios) {
    Set<String> clientTypes = new LinkedHashSet<>();
    Set<String> serverTypes = new LinkedHashSet<>();
    Set<String> names = new LinkedHashSet<>();
    for (Scenario s : scenarios) {
      s.roles().values().forEach(r -> clientTypes.addAll(r.types()));
      s.serverTypes().values().forEach(serverTypes::addAll);
      names.addAll(s.roles().keySet());
      names.addAll(s.servers());
    }
    for (String name : replace.keySet()) {
      if (!names.contains(name)) {
        throw new IllegalArgumentException("--types names '" + name + "', which is no role or server of any scenario; they are " + names);
      }
    }
    Set<String> clientNarrow = new LinkedHashSet<>(narrow);
    clientNarrow.retainAll(clientTypes);
    Set<String> serverNarrow = new LinkedHashSet<>(narrow);
    serverNarrow.retainAll(serverTypes);
    for (String type : narrow) {
      if (!clientTypes.contains(type) && !serverTypes.contains(type)) {
        throw new IllegalArgumentException("--types lists '" + type + "', which no scenario uses; client types are "
            + clientTypes + ", server types " + serverTypes);
      }
    }
    List<Scenario> chosen = new ArrayList<>();
    for (Scenario s : scenarios) {
      apply(s, clientNarrow, serverNarrow).ifPresent(chosen::add);
    }
    if (chosen.isEmpty() || chosen.stream().noneMatch(s -> CaseDefinition.expand(s).stream().anyMatch(c -> includes(c.id())))) {
      throw new IllegalArgumentException("--types and --cases leave no case to run");
    }
    return chosen;
  }

  private Optional<Scenario> apply(Scenario s, Set<String> clientNarrow, Set<String> serverNarrow) {
    Map<String, Role> roles = new LinkedHashMap<>();
    for (Role role : s.roles().values()) {
      List<String> types = choose(role.name(), role.types(), clientNarrow);
      if (types == null) return Optional.empty();
      roles.put(role.name(), new Role(role.name(), types, role.requirements()));
    }
    Map<String, List<String>> servers = new LinkedHashMap<>();
    for (String server : s.servers()) {
      List<String> types = choose(server, s.typesOf(server), serverNarrow);
      if (types == null) return Optional.empty();
      if (!types.isEmpty()) servers.put(server, types);
    }
    Scenario chosen = s.withTypes(roles, servers);
    if (CaseDefinition.count(chosen) > CaseDefinition.MAX_CASES) {
      throw new IllegalArgumentException(s.source() + ": with --types the scenario expands into more than "
          + CaseDefinition.MAX_CASES + " cases");
    }
    return Optional.of(chosen);
  }

  /** The types a role or server gets; null when narrowing leaves it none, so the scenario cannot run. */
  private List<String> choose(String name, List<String> written, Set<String> narrowTo) {
    if (replace.containsKey(name)) return replace.get(name);
    if (narrowTo.isEmpty() || written.isEmpty()) return written;
    List<String> kept = written.stream().filter(narrowTo::contains).toList();
    return kept.isEmpty() ? null : kept;
  }

  /** True when a case id matches a {@code --cases} pattern, or none was given. */
  public boolean includes(String caseId) {
    return cases.isEmpty() || cases.stream().anyMatch(p -> glob(p).matcher(caseId).matches());
  }

  private static Pattern glob(String pattern) {
    return Pattern.compile(java.util.Arrays.stream(pattern.split("\\*", -1)).map(Pattern::quote)
        .collect(Collectors.joining(".*")));
  }
}
