package dev.trafficlight.core.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads the {@code steps:} of a scenario file: each kind of step with its own keys, loops with their bodies. */
final class StepReader {
  private static final Set<String> COMMON = Set.of("name", "next", "when", "save");
  private static final Map<String, Set<String>> KEYS = Map.of(
      "do", Set.of("do", "on", "timeout", "answers"),
      "wait", Set.of("wait"),
      "check", Set.of("check", "equals", "contains", "matches", "any", "all", "none", "count", "where", "soft", "message"),
      "call", Set.of("call", "server", "with", "as", "timeout"),
      "repeat", Set.of("repeat", "as", "steps"),
      "for_each", Set.of("for_each", "as", "steps"));
  private static final List<String> KINDS = List.of("do", "wait", "check", "call", "repeat", "for_each");
  private static final Set<String> ACTION_KEYS = Set.of("action", "data", "expect");
  private static final String OPERATORS = "'equals', 'contains', 'matches', 'any', 'all', 'none' or 'count'";

  private final Located file;

  StepReader(Located file) {
    this.file = file;
  }

  List<Step> steps(JsonNode node, String at, String idPrefix) {
    if (!node.isArray()) throw file.error(at, "'steps' is a list of steps");
    List<Step> steps = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) steps.add(step(node.get(i), at + "/" + i, idPrefix + (i + 1)));
    return steps;
  }

  private Step step(JsonNode node, String at, String defaultId) {
    if (!node.isObject()) throw file.error(at, "a step is a mapping with one of 'do', 'wait', 'check', 'call', 'repeat' or 'for_each'");
    List<String> kinds = KINDS.stream().filter(node::has).toList();
    if (kinds.size() != 1) {
      throw file.error(at, "a step has exactly one of 'do', 'wait', 'check', 'call', 'repeat' or 'for_each'");
    }
    String kind = kinds.get(0);
    boolean loop = kind.equals("repeat") || kind.equals("for_each");
    Set<String> allowed = new HashSet<>(KEYS.get(kind));
    allowed.add("name");
    if (!loop) allowed.addAll(COMMON);
    file.checkKeys(node, at, allowed, loop ? "loop" : "step");
    String id = node.has("name") ? file.text(node.get("name"), at + "/name") : defaultId;
    if (loop) return loop(node, at, id, kind);
    Target next = node.has("next") ? file.target(node.get("next"), at + "/next") : null;
    StepOptions options = new StepOptions(when(node.path("when"), at + "/when"), save(node.path("save"), at + "/save"));
    return switch (kind) {
      case "wait" -> new Step.Wait(id, file.duration(node.get("wait"), at + "/wait"), next, options);
      case "check" -> check(node, at, id, next, options);
      case "call" -> call(node, at, id, next, options);
      default -> new Step.Actions(id, actions(node.get("do"), at + "/do"), branches(node.path("on"), at + "/on"),
          next, file.duration(node.get("timeout"), at + "/timeout"), file.strictness(node.get("answers"), at + "/answers"),
          options);
    };
  }

  /** {@code repeat: 9} or {@code for_each: [alice, bob]}, with {@code as} and a body of {@code steps}. */
  private Step loop(JsonNode node, String at, String id, String kind) {
    Integer times = null;
    List<String> items = null;
    if (kind.equals("repeat")) {
      if (!node.get("repeat").canConvertToExactIntegral()) throw file.error(at + "/repeat", "'repeat' is a number of rounds");
      times = node.get("repeat").asInt();
    } else {
      if (!node.get("for_each").isArray()) throw file.error(at + "/for_each", "'for_each' is a list, e.g. [alice, bob]");
      items = file.words(node.get("for_each"), at + "/for_each");
    }
    String variable = node.has("as") ? file.text(node.get("as"), at + "/as") : null;
    if (!node.has("steps")) throw file.error(at, "a loop needs 'steps', the steps it repeats");
    return new Step.Loop(id, times, items, variable, steps(node.get("steps"), at + "/steps", id + "."));
  }

  private Step check(JsonNode node, String at, String id, Target next, StepOptions options) {
    Step.CheckOperator operator = null;
    for (Step.CheckOperator candidate : Step.CheckOperator.values()) {
      if (node.has(candidate.word)) {
        if (operator != null) throw file.error(at, "a check has one of " + OPERATORS);
        operator = candidate;
      }
    }
    if (operator == null) throw file.error(at, "a check needs one of " + OPERATORS);
    JsonNode expected = node.get(operator.word);
    if (!operator.overList()) expected = TextNode.valueOf(file.text(expected, at + "/" + operator.word));
    if (node.has("where") && operator != Step.CheckOperator.COUNT) throw file.error(at + "/where", "'where' goes with 'count'");
    String message = node.has("message") ? file.text(node.get("message"), at + "/message") : null;
    boolean soft = false;
    if (node.has("soft")) {
      if (!node.get("soft").isBoolean()) throw file.error(at + "/soft", "'soft' is true or false");
      soft = node.get("soft").asBoolean();
    }
    return new Step.Check(id, file.text(node.get("check"), at + "/check"), operator, expected, node.get("where"), message,
        soft, next, options);
  }

  private Step call(JsonNode node, String at, String id, Target next, StepOptions options) {
    JsonNode with = node.path("with");
    if (!with.isMissingNode() && !with.isObject() && !with.isTextual()) {
      throw file.error(at + "/with", "'with' maps the call's arguments to values, e.g. {username: bob, password: secret}");
    }
    return new Step.Call(id, file.text(node.get("call"), at + "/call"),
        node.has("server") ? file.text(node.get("server"), at + "/server") : null,
        with.isMissingNode() ? com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode() : with,
        node.has("as") ? file.text(node.get("as"), at + "/as") : null,
        file.duration(node.get("timeout"), at + "/timeout"), next, options);
  }

  private Map<String, ActionTemplate> actions(JsonNode node, String at) {
    if (!node.isObject() || node.isEmpty()) {
      throw file.error(at, "'do' maps each role to its action, e.g. alice: {action: register, data: {...}}");
    }
    Map<String, ActionTemplate> actions = new LinkedHashMap<>();
    node.fields().forEachRemaining(e -> {
      String where = at + "/" + e.getKey();
      JsonNode spec = e.getValue();
      if (spec.isTextual()) {
        actions.put(e.getKey(), new ActionTemplate(spec.asText(), null));
      } else if (spec.isObject() && spec.has("action")) {
        file.checkKeys(spec, where, ACTION_KEYS, "action");
        if (spec.has("data") && !spec.get("data").isObject() && !spec.get("data").isTextual()) {
          throw file.error(where + "/data", "an action's 'data' is a mapping, or one ${...} that names one");
        }
        List<String> expect = spec.has("expect") ? file.words(spec.get("expect"), where + "/expect") : List.of();
        actions.put(e.getKey(), new ActionTemplate(file.text(spec.get("action"), where + "/action"), spec.get("data"), expect));
      } else {
        throw file.error(where, "an action is a name, or {action: NAME, data: {...}}");
      }
    });
    return actions;
  }

  /** {@code on: {alice: {error: failed, exists: other_step}}}. */
  private List<Branch> branches(JsonNode node, String at) {
    List<Branch> branches = new ArrayList<>();
    if (node.isMissingNode()) return branches;
    if (!node.isObject()) throw file.error(at, "'on' maps a role to {answer word: target}");
    node.fields().forEachRemaining(role -> {
      if (!role.getValue().isObject()) {
        throw file.error(at + "/" + role.getKey(), "'on' maps a role to {answer word: target}");
      }
      role.getValue().fields().forEachRemaining(word -> branches.add(new Branch(role.getKey(),
          word.getKey(), file.target(word.getValue(), at + "/" + role.getKey() + "/" + word.getKey()))));
    });
    return branches;
  }

  /** {@code when: {alice: element-android}} or {@code {alice: [element-android, element-ios]}}. */
  private Map<String, List<String>> when(JsonNode node, String at) {
    Map<String, List<String>> when = new LinkedHashMap<>();
    if (node.isMissingNode()) return when;
    if (!node.isObject() || node.isEmpty()) {
      throw file.error(at, "'when' maps a role (or server) to the type it must have been cast as, e.g. {alice: element-android}");
    }
    node.fields().forEachRemaining(e -> when.put(e.getKey(), file.words(e.getValue(), at + "/" + e.getKey())));
    return when;
  }

  /** {@code save: {invite_url: "${alice.url}"}}. */
  private Map<String, JsonNode> save(JsonNode node, String at) {
    Map<String, JsonNode> save = new LinkedHashMap<>();
    if (node.isMissingNode()) return save;
    if (!node.isObject() || node.isEmpty()) throw file.error(at, "'save' maps names to values, e.g. {invite_url: \"${alice.url}\"}");
    node.fields().forEachRemaining(e -> save.put(e.getKey(), e.getValue()));
    return save;
  }
}
