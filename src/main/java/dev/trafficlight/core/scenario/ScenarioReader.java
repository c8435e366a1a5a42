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

  private final String source;
  private Located file;

  private ScenarioReader(String source) {
    this.source = source;
  }

  /** Every scenario file (.yaml, .yml, .json) in a folder, in name order; or the one file given. */
  public static List<Scenario> readAll(Path fileOrFolder) throws IOException {
    return readAll(fileOrFolder, ScenarioCheck.NONE, warning -> { });
  }

  /** Like {@link #readAll(Path)}, also running {@code check} on each scenario; its warnings go to {@code onWarning}. */
  public static List<Scenario> readAll(Path fileOrFolder, ScenarioCheck check, Consumer<ScenarioWarning> onWarning)
      throws IOException {
    return readEach(fileOrFolder, check, problem -> {
      throw problem;
    }, onWarning);
  }

  /**
   * Like {@link #readAll}, but hands each problem (an invalid file, a name already taken) to
   * {@code onProblem} and goes on with the next file, so that all problems can be reported at once.
   */
  public static List<Scenario> readEach(Path fileOrFolder, Consumer<ScenarioException> onProblem) throws IOException {
    return readEach(fileOrFolder, ScenarioCheck.NONE, onProblem, warning -> { });
  }

  /** Like {@link #readEach(Path, Consumer)}, also running {@code check} on each scenario; its warnings go to {@code onWarning}. */
  public static List<Scenario> readEach(Path fileOrFolder, ScenarioCheck check, Consumer<ScenarioException> onProblem,
      Consumer<ScenarioWarning> onWarning) throws IOException {
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
        Scenario scenario = read(file, check, onWarning);
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
    return read(file, ScenarioCheck.NONE, warning -> { });
  }

  static Scenario read(Path file, ScenarioCheck check, Consumer<ScenarioWarning> onWarning) throws IOException {
    String name = file.getFileName().toString();
    String baseName = name.replaceFirst("\\.(ya?ml|json)$", "");
    return parse(Files.readString(file), file.toString(), baseName, name.endsWith(".json"), check, onWarning);
  }

  /** Parses one scenario from text; {@code defaultName} is used when it has no {@code name}. */
  public static Scenario parse(String text, String source, String defaultName, boolean json) {
    return parse(text, source, defaultName, json, ScenarioCheck.NONE, warning -> { });
  }

  /**
   * Like {@link #parse(String, String, String, boolean)}, then runs {@code check}: its warnings go
   * to {@code onWarning}, its first error is thrown as for the language's own.
   */
  public static Scenario parse(String text, String source, String defaultName, boolean json, ScenarioCheck check,
      Consumer<ScenarioWarning> onWarning) {
    ScenarioReader reader = new ScenarioReader(source);
    JsonFactory factory = json ? new JsonFactory() : new YAMLFactory();
    try (JsonParser parser = factory.createParser(text)) {
      reader.file = new Located(source, LocatedTree.read(parser));
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
    List<ScenarioCheck.Finding> findings = check.findings(scenario);
    findings.stream().filter(f -> !f.error()).forEach(f ->
        onWarning.accept(new ScenarioWarning(source, reader.file.line(f.pointer()), f.message())));
    for (ScenarioCheck.Finding f : findings) {
      if (f.error()) throw reader.error(f.pointer(), f.message());
    }
    return scenario;
  }

  private Scenario scenario(String defaultName) {
    JsonNode root = file.root();
    if (!root.isObject()) {
      throw error("", "a scenario is a mapping with at least 'roles' and 'steps'");
    }
    file.checkKeys(root, "", TOP_KEYS, "scenario");
    String name = root.has("name") ? text(root.get("name"), "/name") : defaultName;
    String description = root.path("description").asText("");
    Map<String, List<String>> serverTypes = new LinkedHashMap<>();
    return new Scenario(name, description, roles(root.path("roles")), servers(root.path("servers"), serverTypes),
        serverTypes, variables(root.path("variables")), answerRules(root), new StepReader(file).steps(root.path("steps"), "/steps", "step-"),
        file.duration(root.get("timeout"), "/timeout"), file.duration(root.get("step_timeout"), "/step_timeout"),
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
    Boolean strict = file.strictness(root.get("answers"), "/answers");
    Map<String, List<String>> expect = new LinkedHashMap<>();
    JsonNode table = root.path("expect");
    if (!table.isMissingNode()) {
      if (!table.isObject()) throw error("/expect", "'expect' maps action names to the words their answers may carry");
      table.fields().forEachRemaining(e -> expect.put(e.getKey(), file.words(e.getValue(), "/expect/" + e.getKey())));
    }
    return new AnswerRules(strict != null && strict, expect);
  }

  private Map<String, JsonNode> variables(JsonNode node) {
    Map<String, JsonNode> variables = new LinkedHashMap<>();
    if (node.isMissingNode()) return variables;
    if (!node.isObject()) throw error("/variables", "'variables' maps names to values");
    node.fields().forEachRemaining(e -> variables.put(e.getKey(), e.getValue()));
    return variables;
  }

  private ScenarioException error(String pointer, String message) {
    return file.error(pointer, message);
  }

  private String text(JsonNode node, String at) {
    return file.text(node, at);
  }
}
