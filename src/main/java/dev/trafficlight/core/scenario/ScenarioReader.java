package dev.trafficlight.core.scenario;

import dev.trafficlight.core.Durations;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Reads scenario files (YAML, or JSON) into {@link Scenario}s. The language is described in
 * {@code examples/README.md}. Every problem is reported as {@code file:line: message}.
 */
public final class ScenarioReader {
  private static final Set<String> TOP_KEYS = Set.of(
      "name", "description", "roles", "servers", "variables", "answers", "expect", "timeout", "step_timeout", "steps");
  private static final Set<String> STEP_KEYS = Set.of(
      "name", "do", "on", "next", "timeout", "answers", "wait", "check", "equals", "contains", "matches",
      "any", "all", "none", "count", "where", "soft", "message");
  private static final Set<String> ACTION_KEYS = Set.of("action", "data", "expect");

  private static final String OPERATORS = "'equals', 'contains', 'matches', 'any', 'all', 'none' or 'count'";
  private final String source;
  private LocatedTree tree;

  private ScenarioReader(String source) {
    this.source = source;
  }

  /** Every scenario file (.yaml, .yml, .json) in a folder, in name order; or the one file given. */
  public static List<Scenario> readAll(Path fileOrFolder) throws IOException {
    return readEach(fileOrFolder, problem -> {
      throw problem;
    });
  }

  /**
   * Like {@link #readAll}, but hands each problem (an invalid file, a name already taken) to
   * {@code onProblem} and goes on with the next file, so that all problems can be reported at once.
   */
  public static List<Scenario> readEach(Path fileOrFolder, Consumer<ScenarioException> onProblem) throws IOException {
    List<Path> files;
    if (Files.isDirectory(fileOrFolder)) {
      try (Stream<Path> list = Files.list(fileOrFolder)) {
        files = list.filter(ScenarioReader::isScenarioFile).sorted().toList();
      }
    } else {
      files = List.of(fileOrFolder);
    }
    Map<String, String> names = new HashMap<>();
    List<Scenario> scenarios = new ArrayList<>();
    for (Path file : files) {
      try {
        Scenario scenario = read(file);
        String taken = names.putIfAbsent(scenario.name(), scenario.source());
        if (taken != null) {
          throw new ScenarioException(file.toString(), 0, "the scenario name '" + scenario.name()
              + "' is taken by " + taken + "; names must be unique");
        }
        scenarios.add(scenario);
      } catch (ScenarioException problem) {
        onProblem.accept(problem);
      }
    }
    return scenarios;
  }

  public static boolean isScenarioFile(Path path) {
    String name = path.getFileName().toString();
    return Files.isRegularFile(path)
        && (name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json"));
  }

  public static Scenario read(Path file) throws IOException {
    String name = file.getFileName().toString();
    String baseName = name.replaceFirst("\\.(ya?ml|json)$", "");
    return parse(Files.readString(file), file.toString(), baseName, name.endsWith(".json"));
  }

  /** Parses one scenario from text; {@code defaultName} is used when it has no {@code name}. */
  public static Scenario parse(String text, String source, String defaultName, boolean json) {
    ScenarioReader reader = new ScenarioReader(source);
    JsonFactory factory = json ? new JsonFactory() : new YAMLFactory();
    try (JsonParser parser = factory.createParser(text)) {
      reader.tree = LocatedTree.read(parser);
    } catch (JsonProcessingException e) {
      int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
      throw new ScenarioException(source, line, "cannot be parsed: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new ScenarioException(source, 0, "cannot be read: " + e.getMessage());
    }
    Scenario scenario = reader.scenario(defaultName);
    for (ScenarioValidator.Problem problem : ScenarioValidator.problems(scenario)) {
      throw reader.error(problem.pointer(), problem.message());
    }
    return scenario;
  }

  private Scenario scenario(String defaultName) {
    JsonNode root = tree.root();
    if (!root.isObject()) {
      throw error("", "a scenario is a mapping with at least 'roles' and 'steps'");
    }
    checkKeys(root, "", TOP_KEYS, "scenario");
    String name = root.has("name") ? text(root.get("name"), "/name") : defaultName;
    String description = root.path("description").asText("");
    Map<String, List<String>> serverTypes = new LinkedHashMap<>();
    return new Scenario(name, description, roles(root.path("roles")), servers(root.path("servers"), serverTypes),
        serverTypes, variables(root.path("variables")), answerRules(root), steps(root.path("steps")),
        duration(root.get("timeout"), "/timeout"), duration(root.get("step_timeout"), "/step_timeout"),
        source);
  }

  private Map<String, Role> roles(JsonNode node) {
    Map<String, Role> roles = new LinkedHashMap<>();
    if (node.isMissingNode()) return roles;
    if (!node.isObject()) throw error("/roles", "'roles' maps each role name to what it requires");
    node.fields().forEachRemaining(e -> roles.put(e.getKey(), role(e.getKey(), e.getValue())));
    return roles;
  }

  /** {@code alice: element-web}, {@code alice: [a, b]} or {@code alice: {type: ..., version: ...}}. */
  private Role role(String name, JsonNode spec) {
    String at = "/roles/" + name;
    if (spec.isNull()) return new Role(name, List.of(), Map.of());
    JsonNode types = spec.isObject() ? spec.path(Role.TYPE_FIELD) : spec;
    Map<String, Requirement> requirements = new LinkedHashMap<>();
    if (spec.isObject()) {
      spec.fields().forEachRemaining(e -> {
        if (!e.getKey().equals(Role.TYPE_FIELD)) {
          requirements.put(e.getKey(), requirement(e.getValue(), at + "/" + e.getKey()));
        }
      });
    }
    List<String> typeList = new ArrayList<>();
    if (types.isArray()) {
      types.forEach(t -> typeList.add(text(t, at)));
    } else if (!types.isMissingNode()) {
      typeList.add(text(types, at));
    }
    return new Role(name, typeList, requirements);
  }

  private Requirement requirement(JsonNode written, String at) {
    try {
      return Requirement.of(written);
    } catch (IllegalArgumentException e) {
      throw error(at, e.getMessage());
    }
  }

  /** {@code [hs]}, {@code hs}, or {@code {hs: synapse, other: [synapse, dendrite]}}: names, each with its types. */
  private List<String> servers(JsonNode node, Map<String, List<String>> types) {
    List<String> servers = new ArrayList<>();
    if (node.isMissingNode()) return servers;
    if (node.isTextual()) return List.of(node.asText());
    if (node.isObject()) {
      node.fields().forEachRemaining(e -> {
        servers.add(e.getKey());
        List<String> list = new ArrayList<>();
        String at = "/servers/" + e.getKey();
        if (e.getValue().isArray()) {
          e.getValue().forEach(t -> list.add(text(t, at)));
        } else if (!e.getValue().isNull()) {
          list.add(text(e.getValue(), at));
        }
        if (!list.isEmpty()) types.put(e.getKey(), list);
      });
      return servers;
    }
    if (!node.isArray()) {
      throw error("/servers", "'servers' is a list of names, e.g. [hs], or maps names to server types, e.g. {hs: [synapse, dendrite]}");
    }
    for (int i = 0; i < node.size(); i++) servers.add(text(node.get(i), "/servers/" + i));
    return servers;
  }

  /** {@code answers: strict} and the {@code expect:} table of words per action. */
  private AnswerRules answerRules(JsonNode root) {
    Boolean strict = strictness(root.get("answers"), "/answers");
    Map<String, List<String>> expect = new LinkedHashMap<>();
    JsonNode table = root.path("expect");
    if (!table.isMissingNode()) {
      if (!table.isObject()) throw error("/expect", "'expect' maps action names to the words their answers may carry");
      table.fields().forEachRemaining(e -> expect.put(e.getKey(), words(e.getValue(), "/expect/" + e.getKey())));
    }
    return new AnswerRules(strict != null && strict, expect);
  }

  /** {@code strict} or {@code any}; null when not written. */
  private Boolean strictness(JsonNode node, String at) {
    if (node == null) return null;
    String word = node.asText("");
    if (!node.isTextual() || !(word.equals(AnswerRules.STRICT) || word.equals(AnswerRules.ANY))) {
      throw error(at, "'answers' is 'strict' (an unexpected answer word fails the case) or 'any' (any answer moves on)");
    }
    return word.equals(AnswerRules.STRICT);
  }

  /** A word or a list of words. */
  private List<String> words(JsonNode node, String at) {
    List<String> words = new ArrayList<>();
    if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) words.add(text(node.get(i), at + "/" + i));
    } else {
      words.add(text(node, at));
    }
    return words;
  }

  private Map<String, JsonNode> variables(JsonNode node) {
    Map<String, JsonNode> variables = new LinkedHashMap<>();
    if (node.isMissingNode()) return variables;
    if (!node.isObject()) throw error("/variables", "'variables' maps names to values");
    node.fields().forEachRemaining(e -> variables.put(e.getKey(), e.getValue()));
    return variables;
  }

  private List<Step> steps(JsonNode node) {
    if (!node.isArray()) throw error("/steps", "'steps' is a list of steps");
    List<Step> steps = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) steps.add(step(node.get(i), "/steps/" + i, i));
    return steps;
  }

  private Step step(JsonNode node, String at, int index) {
    if (!node.isObject()) throw error(at, "a step is a mapping with 'do', 'wait' or 'check'");
    checkKeys(node, at, STEP_KEYS, "step");
    String id = node.has("name") ? text(node.get("name"), at + "/name") : "step-" + (index + 1);
    Target next = node.has("next") ? target(node.get("next"), at + "/next") : null;
    int kinds = (node.has("do") ? 1 : 0) + (node.has("wait") ? 1 : 0) + (node.has("check") ? 1 : 0);
    if (kinds != 1) throw error(at, "a step has exactly one of 'do', 'wait' or 'check'");
    if (node.has("wait")) {
      return new Step.Wait(id, duration(node.get("wait"), at + "/wait"), next);
    }
    if (node.has("check")) {
      return check(node, at, id, next);
    }
    return new Step.Actions(id, actions(node.get("do"), at + "/do"), branches(node.path("on"), at + "/on"),
        next, duration(node.get("timeout"), at + "/timeout"), strictness(node.get("answers"), at + "/answers"));
  }

  private Step check(JsonNode node, String at, String id, Target next) {
    Step.CheckOperator operator = null;
    for (Step.CheckOperator candidate : Step.CheckOperator.values()) {
      if (node.has(candidate.word)) {
        if (operator != null) throw error(at, "a check has one of " + OPERATORS);
        operator = candidate;
      }
    }
    if (operator == null) throw error(at, "a check needs one of " + OPERATORS);
    JsonNode expected = node.get(operator.word);
    if (!operator.overList()) expected = com.fasterxml.jackson.databind.node.TextNode.valueOf(text(expected, at + "/" + operator.word));
    if (node.has("where") && operator != Step.CheckOperator.COUNT) throw error(at + "/where", "'where' goes with 'count'");
    String message = node.has("message") ? text(node.get("message"), at + "/message") : null;
    boolean soft = false;
    if (node.has("soft")) {
      if (!node.get("soft").isBoolean()) throw error(at + "/soft", "'soft' is true or false");
      soft = node.get("soft").asBoolean();
    }
    return new Step.Check(id, text(node.get("check"), at + "/check"), operator, expected, node.get("where"), message, soft, next);
  }

  private Map<String, ActionTemplate> actions(JsonNode node, String at) {
    if (!node.isObject() || node.isEmpty()) {
      throw error(at, "'do' maps each role to its action, e.g. alice: {action: register, data: {...}}");
    }
    Map<String, ActionTemplate> actions = new LinkedHashMap<>();
    node.fields().forEachRemaining(e -> {
      String where = at + "/" + e.getKey();
      JsonNode spec = e.getValue();
      if (spec.isTextual()) {
        actions.put(e.getKey(), new ActionTemplate(spec.asText(), null));
      } else if (spec.isObject() && spec.has("action")) {
        checkKeys(spec, where, ACTION_KEYS, "action");
        if (spec.has("data") && !spec.get("data").isObject()) {
          throw error(where + "/data", "an action's 'data' is a mapping");
        }
        List<String> expect = spec.has("expect") ? words(spec.get("expect"), where + "/expect") : List.of();
        actions.put(e.getKey(), new ActionTemplate(text(spec.get("action"), where + "/action"), spec.get("data"), expect));
      } else {
        throw error(where, "an action is a name, or {action: NAME, data: {...}}");
      }
    });
    return actions;
  }

  /** {@code on: {alice: {error: failed, exists: other_step}}}. */
  private List<Branch> branches(JsonNode node, String at) {
    List<Branch> branches = new ArrayList<>();
    if (node.isMissingNode()) return branches;
    if (!node.isObject()) throw error(at, "'on' maps a role to {answer word: target}");
    node.fields().forEachRemaining(role -> {
      if (!role.getValue().isObject()) {
        throw error(at + "/" + role.getKey(), "'on' maps a role to {answer word: target}");
      }
      role.getValue().fields().forEachRemaining(word -> branches.add(new Branch(role.getKey(),
          word.getKey(), target(word.getValue(), at + "/" + role.getKey() + "/" + word.getKey()))));
    });
    return branches;
  }

  /** A step name, {@code passed}, {@code failed}, or {@code {failed: reason}}. */
  private Target target(JsonNode node, String at) {
    if (node.isTextual()) return Target.named(node.asText());
    if (node.isObject() && node.size() == 1 && node.has(Target.FAILED)) {
      return new Target.Failed(text(node.get(Target.FAILED), at));
    }
    throw error(at, "a target is a step name, 'passed', 'failed' or {failed: reason}");
  }

  private Duration duration(JsonNode node, String at) {
    if (node == null || node.isNull()) return null;
    if (node.isIntegralNumber()) return Duration.ofSeconds(node.asLong());
    try {
      return Durations.parse(node.asText());
    } catch (IllegalArgumentException e) {
      throw error(at, e.getMessage());
    }
  }

  private String text(JsonNode node, String at) {
    if (node == null || !node.isValueNode() || node.isNull()) throw error(at, "expected a text value");
    return node.asText();
  }

  private void checkKeys(JsonNode node, String at, Set<String> allowed, String what) {
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!allowed.contains(key)) {
        throw error(at + "/" + key, "unknown key '" + key + "' in a " + what + "; expected one of "
            + allowed.stream().sorted().toList());
      }
    }
  }

  private ScenarioException error(String pointer, String message) {
    return new ScenarioException(source, tree.lineOf(pointer), message);
  }
}
