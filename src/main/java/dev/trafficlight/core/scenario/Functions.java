package dev.trafficlight.core.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.trafficlight.core.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The functions {@code ${...}} may call: few, and each about text, except {@code count}. Their
 * arguments are read as text (a list or object as its JSON); a result may not pass
 * {@link #MAX_OUTPUT} characters.
 */
public final class Functions {
  /** The longest text a function may make: a runaway {@code concat} or {@code replace} is a mistake. */
  public static final int MAX_OUTPUT = 64 * 1024;
  private static final Map<String, Function> TABLE = new LinkedHashMap<>();

  /** A function's body: its arguments' values in, its value out. */
  @FunctionalInterface
  interface Body {
    JsonNode apply(List<JsonNode> arguments);
  }

  /** One function: its name, how many arguments it takes, what it does. */
  public record Function(String name, int min, int max, String usage, Body body) {
    void checkArity(int given) {
      if (given < min || given > max) {
        throw new Expression.SyntaxError(name + " takes " + (min == max ? String.valueOf(min) : min + " to " + max)
            + " arguments, not " + given + ": " + usage);
      }
    }

    /** Applies the function; throws {@link Template.EvaluationError} when the result is too long or the input wrong. */
    JsonNode apply(List<JsonNode> arguments) {
      JsonNode result = body.apply(arguments);
      if (result.isTextual() && result.asText().length() > MAX_OUTPUT) {
        throw new Template.EvaluationError(name + "(...) makes " + result.asText().length() + " characters; at most "
            + MAX_OUTPUT + " are allowed");
      }
      return result;
    }
  }

  static {
    add("lower", 1, 1, "lower(text)", a -> text(text(a, 0).toLowerCase(Locale.ROOT)));
    add("upper", 1, 1, "upper(text)", a -> text(text(a, 0).toUpperCase(Locale.ROOT)));
    add("trim", 1, 1, "trim(text)", a -> text(text(a, 0).strip()));
    add("replace", 3, 3, "replace(text, old, new)", a -> {
      String old = text(a, 1);
      if (old.isEmpty()) throw new Template.EvaluationError("replace(...) needs a text to replace, not an empty one");
      return text(replaceBounded(text(a, 0), old, text(a, 2)));
    });
    add("trim_prefix", 2, 2, "trim_prefix(text, prefix)", a -> {
      String t = text(a, 0);
      return text(t.startsWith(text(a, 1)) ? t.substring(text(a, 1).length()) : t);
    });
    add("trim_suffix", 2, 2, "trim_suffix(text, suffix)", a -> {
      String t = text(a, 0);
      return text(t.endsWith(text(a, 1)) ? t.substring(0, t.length() - text(a, 1).length()) : t);
    });
    add("concat", 1, 16, "concat(text, text, ...)", a -> {
      StringBuilder s = new StringBuilder();
      for (int i = 0; i < a.size(); i++) {
        s.append(text(a, i));
        if (s.length() > MAX_OUTPUT) break;
      }
      return text(s.toString());
    });
    add("count", 1, 1, "count(list)", a -> {
      JsonNode list = a.get(0);
      if (!list.isArray() && !list.isObject()) {
        throw new Template.EvaluationError("count(...) takes a list, not " + Json.text(list));
      }
      return IntNode.valueOf(list.size());
    });
  }

  private Functions() {}

  private static void add(String name, int min, int max, String usage, Body body) {
    TABLE.put(name, new Function(name, min, max, usage, body));
  }

  /** The function of this name, or null. */
  static Function named(String name) {
    return TABLE.get(name);
  }

  /** Every function's name, for messages. */
  public static List<String> names() {
    return List.copyOf(TABLE.keySet());
  }

  private static String text(List<JsonNode> arguments, int i) {
    return Json.text(arguments.get(i));
  }

  private static JsonNode text(String s) {
    return TextNode.valueOf(s);
  }

  /** Replaces every occurrence, but stops making text past the bound instead of building gigabytes first. */
  private static String replaceBounded(String text, String old, String replacement) {
    StringBuilder s = new StringBuilder();
    int from = 0;
    for (int i; (i = text.indexOf(old, from)) >= 0 && s.length() <= MAX_OUTPUT; from = i + old.length()) {
      s.append(text, from, i).append(replacement);
    }
    if (s.length() <= MAX_OUTPUT) s.append(text, from, text.length());
    return s.toString();
  }
}
