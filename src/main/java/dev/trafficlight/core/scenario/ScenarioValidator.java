package dev.trafficlight.core.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The checks every scenario passes before it runs, whichever way it was made. Each problem names
 * the place by a JSON pointer into the scenario file, so a reader can turn it into a line.
 */
public final class ScenarioValidator {
  /** Names that {@code ${case.NAME}} may use. */
  public static final Set<String> CASE_FIELDS = Set.of("id", "token", "scenario");
  private static final String CASE = "case";
  private static final String NAME = "[A-Za-z_][A-Za-z0-9_-]*";

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
    Set<String> stepIds = new HashSet<>();
    for (int i = 0; i < scenario.steps().size(); i++) {
      Step step = scenario.steps().get(i);
      String at = "/steps/" + i;
      if (!stepIds.add(step.id())) problem(at + "/name", "two steps are named '" + step.id() + "'");
      if (step.id().equals(Target.PASSED) || step.id().equals(Target.FAILED)) {
        problem(at + "/name", "'" + step.id() + "' is an outcome and cannot name a step");
      }
      step(step, at, knownVariables);
    }
  }

  private void step(Step step, String at, Set<String> variables) {
    target(step.next(), at + "/next");
    if (step instanceof Step.Actions a) {
      a.actions().forEach((role, action) -> {
        if (!scenario.roles().containsKey(role)) {
          problem(at + "/do/" + role, "step '" + a.id() + "' gives an action to '" + role
              + "', which is not a role; roles are " + scenario.roles().keySet());
        }
        references(action.data(), at + "/do/" + role, variables);
        references(TextNode.valueOf(action.action()), at + "/do/" + role, variables);
      });
      answers(a, at);
      for (Branch b : a.on()) {
        if (!a.actions().containsKey(b.role())) {
          problem(at + "/on/" + b.role(), "step '" + a.id() + "' branches on '" + b.role()
              + "', which has no action in that step");
        }
        target(b.target(), at + "/on/" + b.role() + "/" + b.word());
      }
    } else if (step instanceof Step.Check c) {
      check(c, at, variables);
    } else if (step instanceof Step.Wait w && (w.duration() == null || w.duration().isNegative())) {
      problem(at + "/wait", "a wait needs a duration");
    }
  }

  /** A strict step must know what each role may answer; expected words on a lenient step would do nothing. */
  private void answers(Step.Actions step, String at) {
    boolean strict = StateMachine.strict(step, scenario.answers());
    Map<String, Set<String>> expected = StateMachine.expectedWords(step, scenario.answers());
    step.actions().forEach((role, action) -> {
      if (strict && expected.get(role).isEmpty()) {
        problem(at + "/do/" + role, "step '" + step.id() + "' reads answers strictly, but nothing says what " + role
            + " may answer to '" + action.action() + "': give the action an 'expect', or list '" + action.action()
            + "' under the scenario's 'expect'");
      } else if (!strict && !action.expect().isEmpty()) {
        problem(at + "/do/" + role + "/expect", "step '" + step.id() + "' lists words " + role + " may answer, but its "
            + "answers are not strict: add 'answers: strict' to the step or the scenario");
      }
    });
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

  private static final java.util.regex.Pattern COUNT = java.util.regex.Pattern.compile("(>=|<=|!=|>|<|=)?\\s*\\d+");

  private void check(Step.Check c, String at, Set<String> variables) {
    String where = at + "/" + c.operator().word;
    references(TextNode.valueOf(c.value()), at + "/check", variables);
    references(c.expected(), where, variables);
    if (c.where() != null) references(c.where(), at + "/where", variables);
    if (c.operator() == Step.CheckOperator.MATCHES) {
      pattern(c.expected().asText(), where);
    } else if (c.operator() == Step.CheckOperator.COUNT) {
      if (!(c.expected().canConvertToExactIntegral() && c.expected().asLong() >= 0)
          && !(c.expected().isTextual() && COUNT.matcher(c.expected().asText().strip()).matches())) {
        problem(where, "'count' is a number of elements, or a comparison such as '>= 2', not " + c.expected());
      }
      if (c.where() != null && !c.where().isObject() && !c.where().isValueNode()) {
        problem(at + "/where", "'where' says what a counted element looks like: a mapping of fields, or a value");
      }
    } else if (c.operator().overList() && !c.expected().isObject() && !c.expected().isValueNode()) {
      problem(where, "'" + c.operator().word + "' says what an element looks like: a mapping of fields, or a value");
    }
  }

  /** A pattern must compile with its references standing for plain text. */
  private void pattern(String written, String at) {
    String withoutReferences = written.replaceAll("\\$?\\$\\{[^}]*}", "x");
    try {
      Pattern.compile(withoutReferences);
    } catch (PatternSyntaxException e) {
      problem(at, "'" + written + "' is not a regular expression: " + e.getDescription());
    }
  }

  private void target(Target target, String at) {
    if (target instanceof Target.Step s && scenario.indexOf(s.id()) < 0) {
      problem(at, "no step is named '" + s.id() + "' (targets are step names, 'passed' or 'failed')");
    }
  }

  /** Each {@code ${...}} must read, and its paths start with a variable defined above, a server, a role or {@code case}. */
  private void references(JsonNode value, String at, Set<String> variables) {
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

  private void name(String name, String at, String kind, Set<String> taken) {
    if (name == null || !name.matches(NAME)) {
      problem(at, "'" + name + "' is not a valid " + kind + " name (letters, digits, _ and -)");
    } else if (!taken.add(name)) {
      problem(at, kind + " '" + name + "' clashes with another role, server or variable of that name");
    }
  }

  private void problem(String pointer, String message) {
    problems.add(new Problem(pointer, message));
  }
}
