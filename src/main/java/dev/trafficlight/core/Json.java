package dev.trafficlight.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The one JSON mapper of the project, and small helpers around it. */
public final class Json {
  public static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}

  public static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  /** Parses a JSON text; throws {@link IllegalArgumentException} naming the problem. */
  public static JsonNode parse(String text) {
    try {
      return MAPPER.readTree(text);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException("malformed JSON: " + e.getOriginalMessage(), e);
    }
  }

  /** The text form of a value: strings as they are, anything else as compact JSON. */
  public static String text(JsonNode node) {
    if (node == null || node.isMissingNode() || node.isNull()) {
      return "";
    }
    return node.isValueNode() ? node.asText() : node.toString();
  }

  /** Shallow-merges {@code overlay}'s fields onto a copy of {@code base}. */
  public static ObjectNode merge(JsonNode base, JsonNode overlay) {
    ObjectNode result = base instanceof ObjectNode o ? o.deepCopy() : object();
    if (overlay instanceof ObjectNode o) {
      result.setAll(o.deepCopy());
    }
    return result;
  }
}
