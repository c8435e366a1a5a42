package dev.trafficlight.core.scenario;

import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The checks on a scenario's steps: each kind's own, loops and what their bodies may see,
 * targets that a step can reach, and names that steps keep for later ({@code save}, a call's
 * {@code as}, a loop's {@code as}).
 */
final class StepValidator {
  /** The most rounds one loop may have. */
  static final int MAX_ROUNDS = 1000;
  private static final Pattern COUNT = Pattern.compile("(>=|<=|!=|>|<|=)?\\s*\\d+");
  private static final Pattern ONE_REFERENCE = Pattern.compile("\\$\\{[^}]*}");

  private final ScenarioValidator v;
  private final Scenario scenario;
  /** Roles, servers, variables and case: names a step may not take for what it keeps. */
  private final Set<String> namespaces;
  private final Set<String> stepIds = new HashSet<>();
  /** The written steps of each enclosing list, innermost first: what a target may name. */
  private final Deque<List<Step>> scopes = new ArrayDeque<>();
  /** Loop variables in scope, with their items (null for a repeat's round number). */
  private final Map<String, List<String>> loopItems = new HashMap<>();

  StepValidator(ScenarioValidator v, Scenario scenario, Set<String> namespaces) {
    this.v = v;
    this.scenario = scenario;
    this.namespaces = namespaces;
  }

  void validate(Set<String> variables) {
    steps(scenario.steps(), "/steps", new HashSet<>(variables));
    if (StateMachine.size(scenario.steps()) > StateMachine.MAX_STATES) {
      v.problem("/steps", "with its loops unrolled the scenario has more than " + StateMachine.MAX_STATES
          + " steps; repeat fewer rounds");
    }
  }

  /** Checks a list of steps; names kept by its steps become known to the steps after them, and after the list. */
  private void steps(List<Step> steps, String at, Set<String> known) {
    scopes.push(steps);
    for (int i = 0; i < steps.size(); i++) {
      Step step = steps.get(i);
      String here = at + "/" + i;
      id(step, here);
      if (step instanceof Step.Loop loop) {
        loop(loop, here, known);
      } else {
        step(step, here, known);
        step.options().save().keySet().forEach(name -> keep(name, here + "/save/" + name, "saved value", known));
      }
    }
    scopes.pop();
  }

  private void id(Step step, String at) {
    if (!stepIds.add(step.id())) v.problem(at + "/name", "two steps are named '" + step.id() + "'");
    if (step.id().equals(Target.PASSED) || step.id().equals(Target.FAILED)) {
      v.problem(at + "/name", "'" + step.id() + "' is an outcome and cannot name a step");
    }
    if (step.id().contains("#")) v.problem(at + "/name", "a step name cannot hold '#': it marks a loop's rounds");
  }

  private void loop(Step.Loop loop, String at, Set<String> known) {
    if (loop.times() != null && (loop.times() < 1 || loop.times() > MAX_ROUNDS)) {
      v.problem(at + "/repeat", "'repeat' is a number of rounds from 1 to " + MAX_ROUNDS + ", not " + loop.times());
    }
    if (loop.items() != null && (loop.items().isEmpty() || loop.items().size() > MAX_ROUNDS)) {
      v.problem(at + "/for_each", "'for_each' lists 1 to " + MAX_ROUNDS + " items");
    }
    if (loop.items() != null && new HashSet<>(loop.items()).size() != loop.items().size()) {
      v.problem(at + "/for_each", "'for_each' lists an item twice");
    }
    if (loop.body().isEmpty()) v.problem(at + "/steps", "a loop needs at least one step");
    Set<String> inner = new HashSet<>(known);
    if (loop.variable() != null) keep(loop.variable(), at + "/as", "loop variable", inner);
    loopItems.put(loop.variable(), loop.items());
    steps(loop.body(), at + "/steps", inner);
    loopItems.remove(loop.variable());
    inner.removeAll(Set.of(loop.variable() == null ? "" : loop.variable()));
    known.addAll(inner);
  }

  /** A name a step keeps a value under: a valid name, not a role, server, variable or {@code case}. */
  private void keep(String name, String at, String kind, Set<String> known) {
    if (!name.matches(ScenarioValidator.NAME)) {
      v.problem(at, "'" + name + "' is not a valid " + kind + " name (letters, digits, _ and -)");
    } else if (namespaces.contains(name)) {
      v.problem(at, kind + " '" + name + "' clashes with a role, server or variable of that name");
    }
    known.add(name);
  }

  private void step(Step step, String at, Set<String> known) {
    target(step.next(), at + "/next");
    when(step, at);
    step.options().save().forEach((name, value) -> v.references(value, at + "/save/" + name, known));
    if (step instanceof Step.Actions a) {
      actions(a, at, known);
    } else if (step instanceof Step.Check c) {
      check(c, at, known);
    } else if (step instanceof Step.Call c) {
      call(c, at, known);
    } else if (step instanceof Step.Wait w && (w.duration() == null || w.duration().isNegative())) {
      v.problem(at + "/wait", "a wait needs a duration");
    }
  }

  private void actions(Step.Actions a, String at, Set<String> known) {
    a.actions().forEach((role, action) -> {
      String where = at + "/do/" + role;
      if (!isRole(role)) {
        v.problem(where, "step '" + a.id() + "' gives an action to '" + role + "', which is not a role; roles are "
            + scenario.roles().keySet());
      }
      if (action.data().isTextual() && !ONE_REFERENCE.matcher(action.data().asText()).matches()) {
        v.problem(where + "/data", "an action's 'data' is a mapping, or one ${...} that names one");
      }
      v.references(action.data(), where, known);
      v.references(TextNode.valueOf(action.action()), where, known);
    });
    answers(a, at);
    for (Branch b : a.on()) {
      if (!a.actions().containsKey(b.role())) {
        v.problem(at + "/on/" + b.role(), "step '" + a.id() + "' branches on '" + b.role() + "', which has no action in that step");
      }
      target(b.target(), at + "/on/" + b.role() + "/" + b.word());
    }
  }

  /** A role as a step writes it: a role's name, or a loop variable whose every item is a role. */
  private boolean isRole(String name) {
    if (scenario.roles().containsKey(name)) return true;
    String variable = loopVariable(name);
    List<String> items = variable == null ? null : loopItems.get(variable);
    return items != null && items.stream().allMatch(scenario.roles()::containsKey);
  }

  /** The loop variable a name is written as ({@code ${who}}), or null. */
  private String loopVariable(String name) {
    if (!name.startsWith("${") || !name.endsWith("}")) return null;
    String variable = name.substring(2, name.length() - 1).strip();
    return loopItems.containsKey(variable) ? variable : null;
  }

  /** A strict step must know what each role may answer; expected words on a lenient step would do nothing. */
  private void answers(Step.Actions step, String at) {
    boolean strict = StateMachine.strict(step, scenario.answers());
    Map<String, Set<String>> expected = StateMachine.expectedWords(step, scenario.answers());
    step.actions().forEach((role, action) -> {
      if (strict && expected.get(role).isEmpty()) {
        v.problem(at + "/do/" + role, "step '" + step.id() + "' reads answers strictly, but nothing says what " + role
            + " may answer to '" + action.action() + "': give the action an 'expect', or list '" + action.action()
            + "' under the scenario's 'expect'");
      } else if (!strict && !action.expect().isEmpty()) {
        v.problem(at + "/do/" + role + "/expect", "step '" + step.id() + "' lists words " + role + " may answer, but its "
            + "answers are not strict: add 'answers: strict' to the step or the scenario");
      }
    });
  }

  /** {@code when} names roles or servers, each with types it can be cast as. */
  private void when(Step step, String at) {
    step.options().when().forEach((name, types) -> {
      String where = at + "/when/" + name;
      List<String> possible;
      if (scenario.roles().containsKey(name)) {
        possible = scenario.roles().get(name).types();
      } else if (scenario.servers().contains(name)) {
        possible = scenario.typesOf(name);
      } else if (isRole(name)) {
        return;
      } else {
        v.problem(where, "'when' names '" + name + "', which is no role or server; roles are " + scenario.roles().keySet());
        return;
      }
      for (String type : types) {
        if (!possible.isEmpty() && !possible.contains(type)) {
          v.problem(where, "'" + name + "' is never cast as '" + type + "' in this scenario, so the step would never run; "
              + "its types are " + possible);
        }
      }
    });
  }

  private void check(Step.Check c, String at, Set<String> known) {
    String where = at + "/" + c.operator().word;
    v.references(TextNode.valueOf(c.value()), at + "/check", known);
    v.references(c.expected(), where, known);
    if (c.where() != null) v.references(c.where(), at + "/where", known);
    if (c.operator() == Step.CheckOperator.MATCHES) {
      v.pattern(c.expected().asText(), where);
    } else if (c.operator() == Step.CheckOperator.COUNT) {
      if (!(c.expected().canConvertToExactIntegral() && c.expected().asLong() >= 0)
          && !(c.expected().isTextual() && COUNT.matcher(c.expected().asText().strip()).matches())) {
        v.problem(where, "'count' is a number of elements, or a comparison such as '>= 2', not " + c.expected());
      }
      if (c.where() != null && !c.where().isObject() && !c.where().isValueNode()) {
        v.problem(at + "/where", "'where' says what a counted element looks like: a mapping of fields, or a value");
      }
    } else if (c.operator().overList() && !c.expected().isObject() && !c.expected().isValueNode()) {
      v.problem(where, "'" + c.operator().word + "' says what an element looks like: a mapping of fields, or a value");
    }
  }

  private void call(Step.Call c, String at, Set<String> known) {
    Calls.Spec spec = Calls.named(c.call());
    if (spec == null) {
      v.problem(at + "/call", "no call is named '" + c.call() + "'; the coordinator can " + Calls.names());
      return;
    }
    if (c.server() == null && scenario.servers().size() != 1) {
      v.problem(at, "call '" + c.call() + "' must name its 'server': the scenario has " + scenario.servers());
    } else if (c.server() != null && !scenario.servers().contains(c.server()) && loopVariable(c.server()) == null) {
      v.problem(at + "/server", "'" + c.server() + "' is not a server of this scenario; servers are " + scenario.servers());
    }
    if (c.with().isObject()) {
      for (String required : spec.required()) {
        if (!c.with().has(required)) v.problem(at + "/with", c.call() + " needs '" + required + "'; it takes " + args(spec));
      }
      c.with().fieldNames().forEachRemaining(name -> {
        if (!spec.required().contains(name) && !spec.optional().contains(name)) {
          v.problem(at + "/with/" + name, c.call() + " takes no '" + name + "'; it takes " + args(spec));
        }
      });
    } else if (!ONE_REFERENCE.matcher(c.with().asText()).matches()) {
      v.problem(at + "/with", "'with' is a mapping of arguments, or one ${...} that names one");
    }
    v.references(c.with(), at + "/with", known);
    if (c.timeout() != null && (c.timeout().isZero() || c.timeout().isNegative() || c.timeout().compareTo(Calls.MAX_TIMEOUT) > 0)) {
      v.problem(at + "/timeout", "a call's timeout is above 0 and at most " + dev.trafficlight.core.Durations.format(Calls.MAX_TIMEOUT));
    }
    if (c.as() != null) keep(c.as(), at + "/as", "call result", known);
  }

  private static String args(Calls.Spec spec) {
    return spec.required() + (spec.optional().isEmpty() ? "" : " and optionally " + spec.optional());
  }

  /** A target names a step of the same list or of one around it, or a loop there. */
  private void target(Target target, String at) {
    if (!(target instanceof Target.Step s)) return;
    for (List<Step> scope : scopes) {
      if (scope.stream().anyMatch(step -> step.id().equals(s.id()))) return;
    }
    v.problem(at, "no step is named '" + s.id() + "' where this step can reach it (targets are step names of the same "
        + "loop or around it, 'passed' or 'failed')");
  }
}
