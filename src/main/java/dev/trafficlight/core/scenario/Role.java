package dev.trafficlight.core.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A part in a scenario (a colour: alice, bob, red, proxy...). {@code types} lists the client
 * types that may play it; with more than one, the scenario expands into a case per type.
 * {@code requirements} constrain the other registration fields.
 */
public record Role(String name, List<String> types, Map<String, Requirement> requirements) {
  public static final String TYPE_FIELD = "type";

  public Role {
    types = List.copyOf(types);
    requirements = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(requirements));
  }

  /**
   * The role as one case plays it: with one concrete type (or none when any type will do).
   *
   * @param actions the actions the case gives the role: a client that lists the actions it can do
   *     must list these
   */
  public record Cast(String role, String type, Map<String, Requirement> requirements, Set<String> actions) {
    public Cast {
      actions = Set.copyOf(actions);
    }

    /** A cast that needs no particular action. */
    public Cast(String role, String type, Map<String, Requirement> requirements) {
      this(role, type, requirements, Set.of());
    }

    /** Whether a client that can do {@code declared} (null: it did not say, so anything) can do every action of the role. */
    public boolean canDo(Set<String> declared) {
      return declared == null || declared.containsAll(actions);
    }

    /** The role's actions missing from {@code declared}, in name order. */
    public List<String> missing(Set<String> declared) {
      return declared == null ? List.of() : actions.stream().filter(a -> !declared.contains(a)).sorted().toList();
    }

    public boolean accepts(JsonNode registration) {
      if (type != null && !type.equals(registration.path(TYPE_FIELD).asText(null))) {
        return false;
      }
      return requirements.entrySet().stream()
          .allMatch(e -> e.getValue().matches(registration.path(e.getKey())));
    }

    /** What this role asks for, in words, for people wondering why a case waits. */
    public String describe() {
      StringBuilder s = new StringBuilder(TYPE_FIELD + "=" + (type == null ? "any" : type));
      requirements.forEach((field, req) -> s.append(", ").append(field).append('=').append(req));
      return s.toString();
    }
  }
}
