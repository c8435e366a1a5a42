package dev.trafficlight.core.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The checks every scenario passes before it runs, whichever way it was made. Each problem names
 * the place by a JSON pointer into the scenario file, so a reader can turn it into a line.
 */
public final class ScenarioValidator {
  /** Names that {@code ${case.NAME}} may use. */
  public static final Set<String> CASE_FIELDS = Set.of("id", "token", "scenario");
  private static final String CASE = "case";
  static final String NAME = "[A-Za-z_][A-Za-z0-9_-]*";

  /** One problem and where it is. */
  public record Problem(String pointer, String message) {}

  private final Scenario scenario;
  private final List<Problem> problems = new ArrayList<>();

  private ScenarioValidator(Scenario scenario) {
    this.scenario = scenario;
  }

  public static List<Problem> problems(Scenario scenario) {
    ScenarioValidator v = new ScenarioValidator(scenario);
    v.validate();
    return v.problems;
  }

  private void validate() {
    if (scenario.name() == null || scenario.name().isBlank()) problem("/name", "a scenario needs a name");
    Set<String> namespaces = new HashSet<>(Set.of(CASE));
    scenario.roles().values().forEach(role -> {
      name(role.name(), "/roles/" + role.name(), "role", namespaces);
      if (new HashSet<>(role.types()).size() != role.types().size()) {
        problem("/roles/" + role.name(), "role '" + role.name() + "' lists a type twice");
      }
    });
    for (int i = 0; i < scenario.servers().size(); i++) {
      String server = scenario.servers().get(i);
      String at = scenario.serverTypes().containsKey(server) ? "/servers/" + server : "/servers/" + i;
      name(server, at, "server", namespaces);
      if (new HashSet<>(scenario.typesOf(server)).size() != scenario.typesOf(server).size()) {
        problem(at, "server '" + server + "' lists a type twice");
      }
    }
    if (CaseDefinition.count(scenario) > CaseDefinition.MAX_CASES) {
      problem(scenario.serverTypes().isEmpty() ? "/roles" : "/servers", "the scenario expands into more than "
          + CaseDefinition.MAX_CASES + " cases (role types × server types); list fewer types, or narrow them with --types");
    }
    Set<String> knownVariables = new HashSet<>();
    for (Map.Entry<String, JsonNode> v : scenario.variables().entrySet()) {
      String at = "/variables/" + v.getKey();
      references(v.getValue(), at, knownVariables);
      name(v.getKey(), at, "variable", namespaces);
      knownVariables.add(v.getKey());
    }
    if (scenario.steps().isEmpty()) problem("/steps", "a scenario needs at least one step");
    answerTable();
    new StepValidator(this, scenario, namespaces).validate(knownVariables);
  }

  /** An expect table with no strict step to use it does nothing: surely a mistake. */
  private void answerTable() {
    if (scenario.answers().expect().isEmpty()) return;
    boolean anyStrict = scenario.machine().states().stream()
        .anyMatch(s -> s.step() instanceof Step.Actions a && StateMachine.strict(a, scenario.answers()));
    if (!anyStrict) {
      problem("/expect", "the scenario lists expected answer words, but no step reads answers strictly: "
          + "add 'answers: strict' to the scenario or to a step");
    }
  }

  /** A pattern must compile with its references standing for plain text. */
  void pattern(String written, String at) {
    String withoutReferences = written.replaceAll("\\$?\\$\\{[^}]*}", "x");
    try {
      com.google.re2j.Pattern.compile(withoutReferences);
    } catch (com.google.re2j.PatternSyntaxException e) {
      problem(at, "'" + written + "' is not a regular expression (RE2 syntax: no backreferences or lookaround): "
          + e.getDescription());
    }
  }

  /** Each {@code ${...}} must read, and its paths start with a variable defined above, a server, a role or {@code case}. */
  void references(JsonNode value, String at, Set<String> variables) {
    for (String syntax : Template.problems(value)) problem(at, syntax);
    for (Expression.Path path : Template.paths(value)) {
      String head = path.head();
      boolean caseField = head.equals(CASE) && path.segments().size() == 1
          && path.segments().get(0) instanceof Expression.Field f && CASE_FIELDS.contains(f.name());
      boolean known = variables.contains(head) || scenario.servers().contains(head)
          || scenario.roles().containsKey(head) || caseField;
      if (!known) {
        problem(at, "undefined variable ${" + path.text() + "}: it names no variable defined above, "
            + "server, role, or case." + CASE_FIELDS.stream().sorted().toList());
      }
    }
  }

  void name(String name, String at, String kind, Set<String> taken) {
    if (name == null || !name.matches(NAME)) {
      problem(at, "'" + name + "' is not a valid " + kind + " name (letters, digits, _ and -)");
    } else if (!taken.add(name)) {
      problem(at, kind + " '" + name + "' clashes with another role, server or variable of that name");
    }
  }

  void problem(String pointer, String message) {
    problems.add(new Problem(pointer, message));
  }
}
