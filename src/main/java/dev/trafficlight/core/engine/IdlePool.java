package dev.trafficlight.core.engine;

import dev.trafficlight.core.scenario.Role;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The idle clients, longest waiting first, indexed by {@code type}: a role that names a type looks
 * only at clients of that type, so matching costs what the idle clients of that type cost, not what
 * every client ever seen costs. Guarded by the coordinator's lock.
 */
final class IdlePool {
  private final Set<ClientRecord> all = new LinkedHashSet<>();
  private final Map<String, Set<ClientRecord>> byType = new HashMap<>();

  void add(ClientRecord client) {
    all.add(client);
    byType.computeIfAbsent(client.type(), t -> new LinkedHashSet<>()).add(client);
  }

  void remove(ClientRecord client) {
    if (all.remove(client)) {
      Set<ClientRecord> same = byType.get(client.type());
      same.remove(client);
      if (same.isEmpty()) byType.remove(client.type());
    }
  }

  boolean contains(ClientRecord client) {
    return all.contains(client);
  }

  /** The idle clients a role accepts, longest waiting first. */
  List<ClientRecord> candidates(Role.Cast cast) {
    Collection<ClientRecord> pool = cast.type() == null ? all : byType.getOrDefault(cast.type(), Set.of());
    List<ClientRecord> fits = new ArrayList<>();
    for (ClientRecord client : pool) {
      if (fits(cast, client)) fits.add(client);
    }
    return fits;
  }

  /** Whether a client can play a role: its registration meets the role's requirements, and it can do the role's actions. */
  static boolean fits(Role.Cast cast, ClientRecord client) {
    return cast.accepts(client.registration) && client.canDo(cast);
  }

  /** The idle clients whose registration a role accepts, whether or not they can do its actions: to say why none fits. */
  List<ClientRecord> accepting(Role.Cast cast) {
    Collection<ClientRecord> pool = cast.type() == null ? all : byType.getOrDefault(cast.type(), Set.of());
    return pool.stream().filter(c -> cast.accepts(c.registration)).toList();
  }

  Collection<ClientRecord> all() {
    return all;
  }
}
