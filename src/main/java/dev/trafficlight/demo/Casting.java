package dev.trafficlight.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.trafficlight.core.Json;
import dev.trafficlight.core.scenario.CaseDefinition;
import dev.trafficlight.core.scenario.Requirement;
import dev.trafficlight.core.scenario.Role;
import dev.trafficlight.core.scenario.Scenario;
import dev.trafficlight.core.scenario.VersionRange;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which simulated clients the scenarios need: for every role of every case, a registration that
 * meets the role's requirements, and how many of each one case needs at most.
 */
final class Casting {
  /** The type a client registers for a role that names none. */
  static final String ANY_TYPE = "simulated";
  static final String PROXY_TYPE = "network-proxy";

  final Map<JsonNode, Integer> needed = new LinkedHashMap<>();
  final List<String> unplayable = new ArrayList<>();

  static Casting of(List<Scenario> scenarios) {
    Casting casting = new Casting();
    for (Scenario scenario : scenarios) {
      for (CaseDefinition kase : CaseDefinition.expand(scenario)) {
        Map<JsonNode, Integer> inThisCase = new LinkedHashMap<>();
        for (Role.Cast cast : kase.casts()) {
          Optional<ObjectNode> registration = registrationFor(cast);
          if (registration.isPresent()) {
            inThisCase.merge(registration.get(), 1, Integer::sum);
          } else {
            casting.unplayable.add(kase.id() + ": no simulated client can play " + cast.role() + " (" + cast.describe() + ")");
          }
        }
        inThisCase.forEach((registration, n) -> casting.needed.merge(registration, n, Math::max));
      }
    }
    return casting;
  }

  /** A registration the role accepts, or empty when no value meets one of its requirements. */
  static Optional<ObjectNode> registrationFor(Role.Cast cast) {
    ObjectNode registration = Json.object().put("type", cast.type() == null ? ANY_TYPE : cast.type()).put("version", "simulated");
    for (Map.Entry<String, Requirement> requirement : cast.requirements().entrySet()) {
      Optional<JsonNode> value = satisfying(requirement.getValue());
      if (value.isEmpty()) return Optional.empty();
      registration.set(requirement.getKey(), value.get());
    }
    return cast.accepts(registration) ? Optional.of(registration) : Optional.empty();
  }

  private static Optional<JsonNode> satisfying(Requirement requirement) {
    if (requirement instanceof Requirement.Equals equals) return Optional.of(equals.value());
    if (requirement instanceof Requirement.AnyOf anyOf) {
      return anyOf.alternatives().stream().map(Casting::satisfying).flatMap(Optional::stream).findFirst();
    }
    VersionRange range = ((Requirement.Version) requirement).range();
    return range.bounds().stream().flatMap(b -> candidates(b.version()).stream())
        .filter(range::matches).findFirst().map(TextNode::new);
  }

  /** Versions next to a bound: the bound, a patch above, and one step up or down in its last part. */
  private static List<String> candidates(String bound) {
    List<String> versions = new ArrayList<>(List.of(bound, bound + ".1"));
    int dot = bound.lastIndexOf('.');
    String last = bound.substring(dot + 1);
    if (last.matches("\\d+")) {
      int n = Integer.parseInt(last);
      versions.add(bound.substring(0, dot + 1) + (n + 1));
      if (n > 0) versions.add(bound.substring(0, dot + 1) + (n - 1));
    }
    return versions;
  }
}
