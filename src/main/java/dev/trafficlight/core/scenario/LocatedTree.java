package dev.trafficlight.core.scenario;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trafficlight.core.Json;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/** A JSON tree read from YAML or JSON that remembers the line each value started on. */
public record LocatedTree(JsonNode root, Map<String, Integer> lines) {

  public static LocatedTree read(JsonParser parser) throws IOException {
    Map<String, Integer> lines = new HashMap<>();
    if (parser.nextToken() == null) {
      return new LocatedTree(Json.MAPPER.missingNode(), lines);
    }
    JsonNode root = readValue(parser, "", lines);
    return new LocatedTree(root, lines);
  }

  /** The line of the value at a JSON pointer, or of its nearest located parent; 0 if none. */
  public int lineOf(String pointer) {
    for (String p = pointer; ; p = p.substring(0, p.lastIndexOf('/'))) {
      Integer line = lines.get(p);
      if (line != null) return line;
      if (p.isEmpty()) return 0;
    }
  }

  private static JsonNode readValue(JsonParser p, String pointer, Map<String, Integer> lines)
      throws IOException {
    lines.put(pointer, p.currentTokenLocation().getLineNr());
    JsonToken token = p.currentToken();
    if (token == JsonToken.START_OBJECT) {
      ObjectNode object = Json.object();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        if (object.has(name)) {
          // YAML would keep the last silently: a step or role written twice is a mistake to show
          throw new com.fasterxml.jackson.core.JsonParseException(p, "the key '" + name + "' appears twice in one mapping");
        }
        String child = pointer + "/" + name;
        lines.put(child, p.currentTokenLocation().getLineNr());
        p.nextToken();
        Integer keyLine = lines.get(child);
        object.set(name, readValue(p, child, lines));
        lines.put(child, keyLine);
      }
      return object;
    }
    if (token == JsonToken.START_ARRAY) {
      ArrayNode array = Json.MAPPER.createArrayNode();
      int i = 0;
      while (p.nextToken() != JsonToken.END_ARRAY) {
        array.add(readValue(p, pointer + "/" + i++, lines));
      }
      return array;
    }
    return Json.MAPPER.readTree(p);
  }
}
