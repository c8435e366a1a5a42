package dev.trafficlight.core.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.trafficlight.core.Json;
import dev.trafficlight.core.scenario.Like;
import dev.trafficlight.core.scenario.Step;
import dev.trafficlight.core.scenario.Template;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Evaluates a check step against a case's values: text against text, or a list's elements
 * against what an element should look like. Throws a {@link Template.TemplateError} or a
 * {@link com.google.re2j.PatternSyntaxException} when the check cannot be evaluated at all.
 */
final class Checks {
  private static final Pattern COMPARISON = Pattern.compile("(>=|<=|!=|>|<|=)?\\s*(\\d+)");

  /** Whether the check held, and what was compared, in words. */
  record Result(boolean holds, String words) {}

  private Checks() {}

  static Result evaluate(Step.Check check, Template.Lookup values) {
    if (!check.operator().overList()) return text(check, values);
    JsonNode list = Template.resolve(TextNode.valueOf(check.value()), values);
    JsonNode expected = Template.resolve(check.expected(), values);
    if (!list.isArray()) {
      return new Result(false, check.value() + " is not a list but '" + abbreviate(Json.text(list)) + "'");
    }
    if (list.size() > Template.MAX_SCAN) {
      throw new Template.EvaluationError(check.value() + " has " + list.size() + " elements; a check looks through at most "
          + Template.MAX_SCAN);
    }
    String subject = check.value() + " (" + list.size() + " elements)";
    return switch (check.operator()) {
      case ANY -> new Result(matching(list, expected) > 0, subject + " has an element like " + expected);
      case NONE -> new Result(matching(list, expected) == 0, subject + " has no element like " + expected);
      case ALL -> new Result(matching(list, expected) == list.size(), subject + " has only elements like " + expected);
      default -> count(check, list, expected, values);
    };
  }

  private static Result text(Step.Check check, Template.Lookup values) {
    String actual = Template.resolveString(check.value(), values);
    String expected = Template.resolveString(check.expected().asText(), values);
    boolean holds = switch (check.operator()) {
      case EQUALS -> actual.equals(expected);
      case CONTAINS -> actual.contains(expected);
      default -> com.google.re2j.Pattern.compile(expected).matcher(actual).find(); // linear time, whatever the pattern
    };
    return new Result(holds, check.value() + " (= '" + abbreviate(actual) + "') " + check.operator().word + " '" + expected + "'");
  }

  private static Result count(Step.Check check, JsonNode list, JsonNode expected, Template.Lookup values) {
    JsonNode where = check.where() == null ? null : Template.resolve(check.where(), values);
    int n = where == null ? list.size() : matching(list, where);
    Matcher m = COMPARISON.matcher(Json.text(expected).strip());
    if (!m.matches()) throw new Template.EvaluationError("'count' is a number or a comparison such as '>= 2', not " + expected);
    String op = m.group(1) == null ? "=" : m.group(1);
    long bound = Long.parseLong(m.group(2));
    boolean holds = switch (op) {
      case ">=" -> n >= bound;
      case "<=" -> n <= bound;
      case ">" -> n > bound;
      case "<" -> n < bound;
      case "!=" -> n != bound;
      default -> n == bound;
    };
    String which = where == null ? "elements" : "elements like " + where;
    return new Result(holds, check.value() + " has " + n + " " + which + ", expected " + (op.equals("=") ? "" : op + " ") + bound);
  }

  private static int matching(JsonNode list, JsonNode pattern) {
    int n = 0;
    for (JsonNode element : list) {
      if (Like.matches(element, pattern)) n++;
    }
    return n;
  }

  static String abbreviate(String s) {
    return s.length() <= 200 ? s : s.substring(0, 200) + "…";
  }
}
