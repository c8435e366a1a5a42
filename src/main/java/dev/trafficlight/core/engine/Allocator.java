package dev.trafficlight.core.engine;

import dev.trafficlight.core.scenario.Role;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Matches a case's roles to idle clients: each role a different client that it accepts. Searches
 * with backtracking, most constrained role first, trying the longest-waiting clients first.
 */
final class Allocator {
  private Allocator() {}

  /** Role → client for every role, or empty when the idle clients cannot fill the case. */
  static Optional<Map<String, ClientRecord>> match(List<Role.Cast> casts, IdlePool idle) {
    Map<Role.Cast, List<ClientRecord>> candidates = new LinkedHashMap<>();
    for (Role.Cast cast : casts) {
      List<ClientRecord> fits = idle.candidates(cast);
      if (fits.isEmpty()) {
        return Optional.empty();
      }
      candidates.put(cast, fits);
    }
    List<Role.Cast> order = new ArrayList<>(casts);
    order.sort(Comparator.comparingInt(c -> candidates.get(c).size()));
    Map<String, ClientRecord> chosen = new LinkedHashMap<>();
    return search(order, 0, candidates, new HashSet<>(), chosen) ? Optional.of(chosen) : Optional.empty();
  }

  private static boolean search(List<Role.Cast> order, int i, Map<Role.Cast, List<ClientRecord>> candidates,
      Set<ClientRecord> used, Map<String, ClientRecord> chosen) {
    if (i == order.size()) {
      return true;
    }
    Role.Cast cast = order.get(i);
    for (ClientRecord client : candidates.get(cast)) {
      if (used.add(client)) {
        chosen.put(cast.role(), client);
        if (search(order, i + 1, candidates, used, chosen)) {
          return true;
        }
        chosen.remove(cast.role());
        used.remove(client);
      }
    }
    return false;
  }

  /** When idle clients meet a role's requirements but list actions without some of the role's: which they lack. */
  private static String lacking(Role.Cast cast, IdlePool idle) {
    List<ClientRecord> accepting = idle.accepting(cast);
    if (accepting.isEmpty()) return "";
    java.util.SortedSet<String> missing = new java.util.TreeSet<>();
    accepting.forEach(client -> missing.addAll(cast.missing(client.actions())));
    boolean one = accepting.size() == 1;
    return ": " + (one ? "the idle client that meets it does" : "the " + accepting.size() + " idle clients that meet it do")
        + " not list action" + (missing.size() == 1 ? " " : "s ") + String.join(", ", missing) + " among "
        + (one ? "its" : "their") + " actions";
  }

  /** For a waiting case: a line per role that no idle client can play, with what it requires. */
  static List<String> unmatched(List<Role.Cast> casts, IdlePool idle) {
    List<String> lines = new ArrayList<>();
    for (Role.Cast cast : casts) {
      if (idle.candidates(cast).isEmpty()) {
        lines.add("no client matched role " + cast.role() + " (" + cast.describe() + ")" + lacking(cast, idle));
      }
    }
    if (lines.isEmpty() && !casts.isEmpty()) {
      lines.add("not enough distinct idle clients to play every role at once");
    }
    return lines;
  }
}
