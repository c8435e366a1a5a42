package dev.trafficlight.core.catalogue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trafficlight.core.Json;
import java.util.Map;

/**
 * The catalogue as one JSON Schema (draft 2020-12) document: under {@code $defs}, one schema per
 * action for its {@code data}, named by the action; each alias is a {@code $ref} to its action's.
 */
public final class CatalogueSchema {
  public static final String DRAFT = "https://json-schema.org/draft/2020-12/schema";

  private CatalogueSchema() {}

  public static ObjectNode render(Catalogue catalogue) {
    ObjectNode root = Json.object().put("$schema", DRAFT).put("title", "Trafficlight actions")
        .put("description", "The data of each action a scenario may give a client, by action name under $defs.");
    ObjectNode defs = root.putObject("$defs");
    catalogue.actions().forEach(a -> {
      ObjectNode schema = Json.object().put("title", a.name()).put("description", a.description());
      schema.setAll(object(a.data()));
      ArrayNode answers = schema.putArray("x-answers");
      a.answers().forEach(answers::add);
      defs.set(a.name(), schema);
    });
    catalogue.actions().forEach(a -> a.aliases().forEach(alias -> defs.putObject(alias).put("$ref", "#/$defs/" + a.name())));
    return root;
  }

  private static ObjectNode object(Map<String, FieldSpec> fields) {
    ObjectNode schema = Json.object().put("type", "object");
    ObjectNode properties = schema.putObject("properties");
    ArrayNode required = Json.MAPPER.createArrayNode();
    fields.values().forEach(f -> {
      properties.set(f.name(), field(f));
      if (f.required()) required.add(f.name());
    });
    if (!required.isEmpty()) schema.set("required", required);
    return schema;
  }

  private static ObjectNode field(FieldSpec f) {
    ObjectNode schema = f.type() == FieldType.OBJECT && !f.fields().isEmpty() ? object(f.fields()) : Json.object();
    if (f.type().schemaType != null) schema.put("type", f.type().schemaType);
    if (!f.description().isEmpty()) schema.put("description", f.description());
    return schema;
  }
}
