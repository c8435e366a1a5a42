package dev.trafficlight.core.engine;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** A step's {@code when}, judged for one case: by the type of each client, and the type each server was cast as. */
final class When {
  private When() {}

  /** True when every role (or server) named was cast as one of its types; an empty condition always holds. */
  static boolean holds(Map<String, List<String>> when, Map<String, ClientRecord> members, Map<String, String> serverTypes) {
    for (Map.Entry<String, List<String>> e : when.entrySet()) {
      ClientRecord client = members.get(e.getKey());
      String type = client != null ? client.type() : serverTypes.get(e.getKey());
      if (!e.getValue().contains(type)) return false;
    }
    return true;
  }

  /** "alice is element-web and hs is synapse or dendrite". */
  static String words(Map<String, List<String>> when) {
    return when.entrySet().stream().map(e -> e.getKey() + " is " + String.join(" or ", e.getValue()))
        .collect(Collectors.joining(" and "));
  }
}
