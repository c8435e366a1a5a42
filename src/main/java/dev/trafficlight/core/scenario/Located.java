package dev.trafficlight.core.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trafficlight.core.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/** A scenario file being read: its values by JSON pointer, and errors that name the file and line. */
final class Located {
  private final String source;
  private final LocatedTree tree;

  Located(String source, LocatedTree tree) {
    this.source = source;
    this.tree = tree;
  }

  JsonNode root() {
    return tree.root();
  }

  int line(String pointer) {
    return tree.lineOf(pointer);
  }

  ScenarioException error(String pointer, String message) {
    return new ScenarioException(source, tree.lineOf(pointer), message);
  }

  String text(JsonNode node, String at) {
    if (node == null || !node.isValueNode() || node.isNull()) throw error(at, "expected a text value");
    return node.asText();
  }

  /** A word or a list of words. */
  List<String> words(JsonNode node, String at) {
    List<String> words = new ArrayList<>();
    if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) words.add(text(node.get(i), at + "/" + i));
    } else {
      words.add(text(node, at));
    }
    return words;
  }

  Duration duration(JsonNode node, String at) {
    if (node == null || node.isNull()) return null;
    if (node.isIntegralNumber()) return Duration.ofSeconds(node.asLong());
    try {
      return Durations.parse(node.asText());
    } catch (IllegalArgumentException e) {
      throw error(at, e.getMessage());
    }
  }

  /** A step name, {@code passed}, {@code failed}, or {@code {failed: reason}}. */
  Target target(JsonNode node, String at) {
    if (node.isTextual()) return Target.named(node.asText());
    if (node.isObject() && node.size() == 1 && node.has(Target.FAILED)) {
      return new Target.Failed(text(node.get(Target.FAILED), at));
    }
    throw error(at, "a target is a step name, 'passed', 'failed' or {failed: reason}");
  }

  /** {@code strict} or {@code any}; null when not written. */
  Boolean strictness(JsonNode node, String at) {
    if (node == null) return null;
    String word = node.asText("");
    if (!node.isTextual() || !(word.equals(AnswerRules.STRICT) || word.equals(AnswerRules.ANY))) {
      throw error(at, "'answers' is 'strict' (an unexpected answer word fails the case) or 'any' (any answer moves on)");
    }
    return word.equals(AnswerRules.STRICT);
  }

  void checkKeys(JsonNode node, String at, Set<String> allowed, String what) {
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!allowed.contains(key)) {
        throw error(at + "/" + key, "unknown key '" + key + "' in a " + what + "; expected one of "
            + allowed.stream().sorted().toList());
      }
    }
  }
}
