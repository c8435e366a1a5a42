package dev.trafficlight.core.catalogue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One field of an action's data or of its answer.
 *
 * @param fields for an object: its own fields, if the catalogue names them (else empty)
 */
public record FieldSpec(String name, FieldType type, boolean required, String description, Map<String, FieldSpec> fields) {
  public FieldSpec {
    description = description == null ? "" : description;
    fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
  }

  /** A field with the dotted path it is reached by ({@code homeserver_url.local}). */
  public record Named(String path, FieldSpec field) {}

  /** Fields and the fields inside them, depth first, each under its dotted path: for tables. */
  public static List<Named> flatten(Map<String, FieldSpec> fields) {
    List<Named> flat = new ArrayList<>();
    flatten("", fields, flat);
    return flat;
  }

  private static void flatten(String prefix, Map<String, FieldSpec> fields, List<Named> flat) {
    fields.values().forEach(f -> {
      flat.add(new Named(prefix + f.name(), f));
      flatten(prefix + f.name() + ".", f.fields(), flat);
    });
  }
}
