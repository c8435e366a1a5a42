package dev.trafficlight.core.catalogue;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.trafficlight.core.scenario.LocatedTree;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads a catalogue file (YAML) into its actions; every problem is {@code file:line: message}. */
public final class CatalogueReader {
  private static final Set<String> TOP_KEYS = Set.of("actions");
  private static final Set<String> ACTION_KEYS = Set.of("description", "data", "answers", "answer_data", "clients", "aliases");
  private static final Set<String> FIELD_KEYS = Set.of("type", "required", "description", "fields");

  /** An action as read, with the line it starts on, for warnings about it. */
  public record Entry(ActionSpec spec, int line) {}

  private final String source;
  private final LocatedTree tree;

  private CatalogueReader(String source, LocatedTree tree) {
    this.source = source;
    this.tree = tree;
  }

  /** The actions of one catalogue file, in the order written. */
  public static List<Entry> read(String text, String source) {
    LocatedTree tree;
    try (JsonParser parser = new YAMLFactory().createParser(text)) {
      tree = LocatedTree.read(parser);
    } catch (JsonProcessingException e) {
      throw new CatalogueException(source, e.getLocation() == null ? 0 : e.getLocation().getLineNr(),
          "cannot be parsed: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new CatalogueException(source, 0, "cannot be read: " + e.getMessage());
    }
    return new CatalogueReader(source, tree).actions();
  }

  private List<Entry> actions() {
    JsonNode root = tree.root();
    if (!root.isObject() || !root.path("actions").isObject()) {
      throw error("", "a catalogue is a mapping with 'actions', which maps each action's name to what it takes and answers");
    }
    keys(root, "", TOP_KEYS, "catalogue");
    List<Entry> entries = new ArrayList<>();
    root.get("actions").fields().forEachRemaining(e -> {
      String at = "/actions/" + e.getKey();
      entries.add(new Entry(action(e.getKey(), e.getValue(), at), tree.lineOf(at)));
    });
    return entries;
  }

  private ActionSpec action(String name, JsonNode node, String at) {
    if (!node.isObject()) throw error(at, "action '" + name + "' is a mapping: description, data, answers, answer_data, clients, aliases");
    keys(node, at, ACTION_KEYS, "action");
    if (!node.path("description").isTextual() || node.get("description").asText().isBlank()) {
      throw error(at, "action '" + name + "' needs a one-line 'description'");
    }
    return new ActionSpec(name, node.get("description").asText().strip(), fields(node.path("data"), at + "/data"),
        words(node.path("answers"), at + "/answers"), fields(node.path("answer_data"), at + "/answer_data"),
        words(node.path("clients"), at + "/clients"), words(node.path("aliases"), at + "/aliases"));
  }

  private Map<String, FieldSpec> fields(JsonNode node, String at) {
    Map<String, FieldSpec> fields = new LinkedHashMap<>();
    if (node.isMissingNode() || node.isNull()) return fields;
    if (!node.isObject()) throw error(at, "'" + last(at) + "' maps each field's name to {type, required, description}");
    node.fields().forEachRemaining(e -> fields.put(e.getKey(), field(e.getKey(), e.getValue(), at + "/" + e.getKey())));
    return fields;
  }

  private FieldSpec field(String name, JsonNode node, String at) {
    if (node.isTextual()) return new FieldSpec(name, type(node, at), false, "", Map.of());
    if (!node.isObject()) throw error(at, "field '" + name + "' is a type word, or {type, required, description}");
    keys(node, at, FIELD_KEYS, "field");
    JsonNode required = node.path("required");
    if (!required.isMissingNode() && !required.isBoolean()) throw error(at + "/required", "'required' is true or false");
    FieldType type = type(node.path("type"), at + "/type");
    Map<String, FieldSpec> inner = fields(node.path("fields"), at + "/fields");
    if (!inner.isEmpty() && type != FieldType.OBJECT) throw error(at + "/fields", "only an object has 'fields'");
    return new FieldSpec(name, type, required.asBoolean(false), node.path("description").asText(""), inner);
  }

  private FieldType type(JsonNode node, String at) {
    return FieldType.of(node.asText("")).orElseThrow(() -> error(at, "a field's type is one of "
        + java.util.Arrays.stream(FieldType.values()).map(FieldType::word).toList() + ", not '" + node.asText("") + "'"));
  }

  private List<String> words(JsonNode node, String at) {
    List<String> words = new ArrayList<>();
    if (node.isMissingNode() || node.isNull()) return words;
    if (!node.isArray()) throw error(at, "'" + last(at) + "' is a list of words, e.g. [registered]");
    for (int i = 0; i < node.size(); i++) {
      if (!node.get(i).isTextual() || node.get(i).asText().isBlank()) throw error(at + "/" + i, "expected a word");
      words.add(node.get(i).asText());
    }
    return words;
  }

  private void keys(JsonNode node, String at, Set<String> allowed, String what) {
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!allowed.contains(key)) {
        throw error(at + "/" + key, "unknown key '" + key + "' in a " + what + "; expected one of " + allowed.stream().sorted().toList());
      }
    }
  }

  private static String last(String pointer) {
    return pointer.substring(pointer.lastIndexOf('/') + 1);
  }

  private CatalogueException error(String pointer, String message) {
    return new CatalogueException(source, tree.lineOf(pointer), message);
  }
}
