package dev.trafficlight.core.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.trafficlight.core.Json;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ${...}} in scenario values: a path such as {@code ${bob.timeline[-1].body}}, or a
 * function of paths and quoted texts such as {@code ${lower(alice.user_id)}} (see
 * {@link Expression}). A string that is exactly one {@code ${...}} takes its JSON value as it is
 * (an object stays an object); elsewhere values are spliced in as text. {@code $${} writes a
 * literal {@code ${}.
 */
public final class Template {
  private static final Pattern REFERENCE = Pattern.compile("\\$?\\$\\{([^}]*)}");
  /** The most list elements one path may look through when it filters: answers can be large. */
  public static final int MAX_SCAN = 100_000;

  /** Finds a namespace (a role, a server, a variable, {@code case}...) by name; empty when there is none. */
  @FunctionalInterface
  public interface Lookup {
    Optional<JsonNode> find(String name);
  }

  /** A {@code ${...}} that cannot be given a value while a case runs. */
  public abstract static class TemplateError extends RuntimeException {
    TemplateError(String message) {
      super(message);
    }
  }

  /** A path that names nothing. */
  public static final class UndefinedReference extends TemplateError {
    private final String reference;

    public UndefinedReference(String reference) {
      super("undefined variable ${" + reference + "}");
      this.reference = reference;
    }

    public String reference() {
      return reference;
    }
  }

  /** A function or path that cannot work on what it was given, or would make too much. */
  public static final class EvaluationError extends TemplateError {
    public EvaluationError(String message) {
      super(message);
    }
  }

  private Template() {}

  /** The text of every path in a value, in order of appearance. */
  public static Set<String> references(JsonNode value) {
    Set<String> found = new LinkedHashSet<>();
    paths(value).forEach(p -> found.add(p.text()));
    return found;
  }

  public static Set<String> references(String text) {
    return references(TextNode.valueOf(text));
  }

  /** Every path in a value's {@code ${...}}, skipping those that cannot be read (see {@link #problems}). */
  public static List<Expression.Path> paths(JsonNode value) {
    List<Expression.Path> found = new ArrayList<>();
    for (String written : expressions(value)) {
      try {
        found.addAll(Expression.paths(Expression.parse(written)));
      } catch (Expression.SyntaxError ignored) {
        // reported by problems()
      }
    }
    return found;
  }

  /** What is wrong with the {@code ${...}} of a value, one message each. */
  public static List<String> problems(JsonNode value) {
    List<String> problems = new ArrayList<>();
    for (String written : expressions(value)) {
      try {
        Expression.parse(written);
      } catch (Expression.SyntaxError e) {
        problems.add(e.getMessage());
      }
    }
    return problems;
  }

  /** The text inside each {@code ${...}} of a value, keys included. */
  private static List<String> expressions(JsonNode value) {
    List<String> found = new ArrayList<>();
    collect(value, found);
    return found;
  }

  private static void collect(JsonNode value, List<String> found) {
    if (value.isTextual()) {
      Matcher m = REFERENCE.matcher(value.asText());
      while (m.find()) {
        if (!m.group().startsWith("$$")) found.add(m.group(1));
      }
    } else if (value.isObject()) {
      value.fields().forEachRemaining(e -> {
        collect(TextNode.valueOf(e.getKey()), found);
        collect(e.getValue(), found);
      });
    } else if (value.isArray()) {
      value.forEach(v -> collect(v, found));
    }
  }

  /** A copy of {@code value} with every {@code ${...}} replaced. */
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
      return evaluate(m.group(1), lookup);
    }
    StringBuilder out = new StringBuilder();
    m.reset();
    while (m.find()) {
      String replacement = m.group().startsWith("$$")
          ? m.group().substring(1)
          : Json.text(evaluate(m.group(1), lookup));
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return TextNode.valueOf(out.toString());
  }

  private static JsonNode evaluate(String written, Lookup lookup) {
    try {
      return evaluate(Expression.parse(written), lookup);
    } catch (Expression.SyntaxError e) {
      throw new EvaluationError(e.getMessage());
    }
  }

  /** The value of an expression; throws a {@link TemplateError} when it has none. */
  public static JsonNode evaluate(Expression expression, Lookup lookup) {
    if (expression instanceof Expression.Literal literal) return literal.value();
    if (expression instanceof Expression.Call call) {
      List<JsonNode> arguments = new ArrayList<>();
      call.arguments().forEach(a -> arguments.add(evaluate(a, lookup)));
      return call.function().apply(arguments);
    }
    Expression.Path path = (Expression.Path) expression;
    JsonNode root = lookup.find(path.head()).orElseThrow(() -> new UndefinedReference(path.text()));
    JsonNode found = follow(root, path.segments(), path.text());
    if (found == null || found.isMissingNode()) throw new UndefinedReference(path.text());
    return found;
  }

  /** Walks a path's segments from a value; null where it leads nowhere. */
  private static JsonNode follow(JsonNode root, List<Expression.Segment> segments, String text) {
    JsonNode node = root;
    int scanned = 0;
    for (Expression.Segment segment : segments) {
      if (node == null) return null;
      if (segment instanceof Expression.Field f) {
        node = node.isArray() && f.name().matches("\\d+") ? node.get(Integer.parseInt(f.name())) : node.get(f.name());
      } else if (segment instanceof Expression.Index i) {
        node = !node.isArray() ? null : node.get(i.index() < 0 ? node.size() + i.index() : i.index());
      } else {
        Expression.Filter filter = (Expression.Filter) segment;
        if (!node.isArray()) return null;
        JsonNode match = null;
        for (JsonNode element : node) {
          if (++scanned > MAX_SCAN) {
            throw new EvaluationError("${" + text + "} looks through more than " + MAX_SCAN + " list elements");
          }
          JsonNode field = at(element, filter.field());
          if (field != null && field.isValueNode() && Json.text(field).equals(Json.text(filter.value()))) {
            match = element;
            break;
          }
        }
        node = match;
      }
    }
    return node;
  }

  /** Follows field names into a value; null where there is nothing. */
  public static JsonNode at(JsonNode root, List<String> fields) {
    JsonNode node = root;
    for (String field : fields) {
      if (node == null) return null;
      node = node.isArray() && field.matches("\\d+") ? node.get(Integer.parseInt(field)) : node.get(field);
    }
    return node == null || node.isMissingNode() ? null : node;
  }

  /** Follows a dotted path ({@code a.b.0.c}) into a JSON value. */
  public static Optional<JsonNode> at(JsonNode root, String[] path, int from) {
    return Optional.ofNullable(at(root, List.of(path).subList(from, path.length)));
  }
}
