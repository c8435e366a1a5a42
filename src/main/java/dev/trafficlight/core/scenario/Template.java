package dev.trafficlight.core.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.trafficlight.core.Json;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ${name.path}} references in scenario values. A string that is exactly one reference takes
 * the referenced JSON value as it is (an object stays an object); elsewhere references are
 * spliced in as text. {@code $${} writes a literal {@code ${}.
 */
public final class Template {
  private static final Pattern REFERENCE = Pattern.compile("\\$?\\$\\{([^}]*)}");

  /** Looks a dotted reference up; empty when it names nothing. */
  @FunctionalInterface
  public interface Lookup {
    Optional<JsonNode> find(String reference);
  }

  /** A reference that names nothing. */
  public static final class UndefinedReference extends RuntimeException {
    private final String reference;

    public UndefinedReference(String reference) {
      super("undefined variable ${" + reference + "}");
      this.reference = reference;
    }

    public String reference() {
      return reference;
    }
  }

  private Template() {}

  /** Every reference in a value, in order of appearance. */
  public static Set<String> references(JsonNode value) {
    Set<String> found = new LinkedHashSet<>();
    collect(value, found);
    return found;
  }

  private static void collect(JsonNode value, Set<String> found) {
    if (value.isTextual()) {
      found.addAll(references(value.asText()));
    } else if (value.isObject()) {
      value.fields().forEachRemaining(e -> {
        found.addAll(references(e.getKey()));
        collect(e.getValue(), found);
      });
    } else if (value.isArray()) {
      value.forEach(v -> collect(v, found));
    }
  }

  public static Set<String> references(String text) {
    Set<String> found = new LinkedHashSet<>();
    Matcher m = REFERENCE.matcher(text);
    while (m.find()) {
      if (!m.group().startsWith("$$")) {
        found.add(m.group(1).trim());
      }
    }
    return found;
  }

  /** A copy of {@code value} with every reference replaced. */
  public static JsonNode resolve(JsonNode value, Lookup lookup) {
    if (value.isTextual()) {
      return resolveText(value.asText(), lookup);
    }
    if (value.isObject()) {
      ObjectNode out = Json.object();
      value.fields().forEachRemaining(e ->
          out.set(Json.text(resolveText(e.getKey(), lookup)), resolve(e.getValue(), lookup)));
      return out;
    }
    if (value.isArray()) {
      ArrayNode out = Json.MAPPER.createArrayNode();
      value.forEach(v -> out.add(resolve(v, lookup)));
      return out;
    }
    return value;
  }

  public static String resolveString(String text, Lookup lookup) {
    return Json.text(resolveText(text, lookup));
  }

  private static JsonNode resolveText(String text, Lookup lookup) {
    Matcher m = REFERENCE.matcher(text);
    if (m.matches() && !text.startsWith("$$")) {
      return find(m.group(1).trim(), lookup);
    }
    StringBuilder out = new StringBuilder();
    m.reset();
    while (m.find()) {
      String replacement = m.group().startsWith("$$")
          ? m.group().substring(1)
          : Json.text(find(m.group(1).trim(), lookup));
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return TextNode.valueOf(out.toString());
  }

  private static JsonNode find(String reference, Lookup lookup) {
    return lookup.find(reference).orElseThrow(() -> new UndefinedReference(reference));
  }

  /** Follows a dotted path ({@code a.b.0.c}) into a JSON value. */
  public static Optional<JsonNode> at(JsonNode root, String[] path, int from) {
    JsonNode node = root;
    for (int i = from; i < path.length && node != null; i++) {
      node = node.isArray() && path[i].matches("\\d+") ? node.get(Integer.parseInt(path[i])) : node.get(path[i]);
    }
    return node == null || node.isMissingNode() ? Optional.empty() : Optional.of(node);
  }
}
