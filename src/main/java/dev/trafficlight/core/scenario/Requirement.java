package dev.trafficlight.core.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trafficlight.core.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** What a role asks of one field of a client's registration JSON. */
public sealed interface Requirement {

  boolean matches(JsonNode actual);

  /** The field equals this value (scalars compare by their text, so {@code 1} matches {@code "1"}). */
  record Equals(JsonNode value) implements Requirement {
    public boolean matches(JsonNode actual) {
      if (actual == null || actual.isMissingNode()) return false;
      if (value.isValueNode() && actual.isValueNode()) return Json.text(value).equals(Json.text(actual));
      return value.equals(actual);
    }

    @Override
    public String toString() {
      return Json.text(value);
    }
  }

  /** The field satisfies a version constraint. */
  record Version(VersionRange range) implements Requirement {
    public boolean matches(JsonNode actual) {
      return actual != null && actual.isValueNode() && range.matches(actual.asText());
    }

    @Override
    public String toString() {
      return range.text();
    }
  }

  /** The field satisfies any one of these. */
  record AnyOf(List<Requirement> alternatives) implements Requirement {
    public AnyOf {
      alternatives = List.copyOf(alternatives);
    }

    public boolean matches(JsonNode actual) {
      return alternatives.stream().anyMatch(r -> r.matches(actual));
    }

    @Override
    public String toString() {
      return alternatives.stream().map(Object::toString).collect(Collectors.joining(" | "));
    }
  }

  /** Reads a requirement as written in a scenario: a value, a constraint such as {@code >=1.2}, or a list. */
  static Requirement of(JsonNode written) {
    if (written.isArray()) {
      List<Requirement> alternatives = new ArrayList<>();
      written.forEach(w -> alternatives.add(of(w)));
      return new AnyOf(alternatives);
    }
    if (written.isTextual() && VersionRange.looksLikeRange(written.asText())) {
      return new Version(VersionRange.parse(written.asText()));
    }
    return new Equals(written);
  }
}
