package dev.trafficlight.core.engine;

import dev.trafficlight.core.scenario.Role;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The cases waiting for clients, oldest first, indexed by the client types their roles name: a
 * client that registers is offered only to the cases that could take it. Guarded by the
 * coordinator's lock.
 */
final class WaitingCases {
  /** Roles that accept any type. */
  private static final String ANY = "\u0000any";

  private final Map<String, CaseRun> byId = new LinkedHashMap<>();
  private final Map<String, Set<CaseRun>> byType = new HashMap<>();

  void add(CaseRun run) {
    byId.put(run.id(), run);
    for (String type : types(run)) {
      byType.computeIfAbsent(type, t -> new LinkedHashSet<>()).add(run);
    }
  }

  void remove(CaseRun run) {
    if (byId.remove(run.id()) == null) return;
    for (String type : types(run)) {
      Set<CaseRun> same = byType.get(type);
      same.remove(run);
      if (same.isEmpty()) byType.remove(type);
    }
  }

  /** The waiting cases with a role that names this type or any type, oldest first. */
  List<CaseRun> wanting(String type) {
    Set<CaseRun> named = byType.getOrDefault(type, Set.of());
    Set<CaseRun> any = byType.getOrDefault(ANY, Set.of());
    if (any.isEmpty()) return new ArrayList<>(named);
    List<CaseRun> both = new ArrayList<>(named);
    any.stream().filter(r -> !named.contains(r)).forEach(both::add);
    both.sort(Comparator.comparingLong(r -> r.sequence));
    return both;
  }

  Collection<CaseRun> all() {
    return byId.values();
  }

  private static Set<String> types(CaseRun run) {
    Set<String> types = new LinkedHashSet<>();
    for (Role.Cast cast : run.definition.casts()) {
      types.add(cast.type() == null ? ANY : cast.type());
    }
    return types;
  }
}
