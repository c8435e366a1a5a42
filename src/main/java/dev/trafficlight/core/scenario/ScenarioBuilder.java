package dev.trafficlight.core.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Builds a {@link Scenario} in Java; {@link #build()} applies the same checks as files get. */
public final class ScenarioBuilder {
  private final String name;
  private String description = "";
  private final Map<String, Role> roles = new LinkedHashMap<>();
  private final List<String> servers = new ArrayList<>();
  private final Map<String, List<String>> serverTypes = new LinkedHashMap<>();
  private final Map<String, JsonNode> variables = new LinkedHashMap<>();
  private final List<Step> steps = new ArrayList<>();
  private Duration timeout;
  private Duration stepTimeout;
  private boolean strict;
  private final Map<String, List<String>> expect = new LinkedHashMap<>();

  ScenarioBuilder(String name) {
    this.name = name;
  }

  public ScenarioBuilder description(String text) {
    this.description = text;
    return this;
  }

  /** A role that any of these client types may play (one case per type). */
  public ScenarioBuilder role(String role, String... types) {
    return role(role, Map.of(), types);
  }

  /** A role with requirements on other registration fields, e.g. {@code version: ">=1.11"}. */
  public ScenarioBuilder role(String role, Map<String, String> requirements, String... types) {
    Map<String, Requirement> parsed = new LinkedHashMap<>();
    requirements.forEach((field, written) -> parsed.put(field, Requirement.of(TextNode.valueOf(written))));
    roles.put(role, new Role(role, Arrays.asList(types), parsed));
    return this;
  }

  /** Servers of the configuration's default type, by name. */
  public ScenarioBuilder servers(String... names) {
    servers.addAll(Arrays.asList(names));
    return this;
  }

  /** A server that may be any of these types: one case per type, like a role's client types. */
  public ScenarioBuilder server(String server, String... types) {
    servers.add(server);
    if (types.length > 0) serverTypes.put(server, Arrays.asList(types));
    return this;
  }

  public ScenarioBuilder variable(String variable, String value) {
    variables.put(variable, TextNode.valueOf(value));
    return this;
  }

  /** Every step reads answers strictly unless it says otherwise: an unexpected word fails the case. */
  public ScenarioBuilder strictAnswers() {
    this.strict = true;
    return this;
  }

  /** The words an answer to {@code action} may carry, for strict steps. */
  public ScenarioBuilder expect(String action, String... words) {
    expect.put(action, Arrays.asList(words));
    return this;
  }

  public ScenarioBuilder timeout(Duration caseTimeout) {
    this.timeout = caseTimeout;
    return this;
  }

  public ScenarioBuilder stepTimeout(Duration perStep) {
    this.stepTimeout = perStep;
    return this;
  }

  /** A step of actions given to roles at once; see {@link ActionsStep}. */
  public ScenarioBuilder step(String id, Consumer<ActionsStep> body) {
    ActionsStep step = new ActionsStep();
    body.accept(step);
    steps.add(new Step.Actions(id, step.actions, step.on, step.next, step.timeout, step.strict, StepOptions.NONE));
    return this;
  }

  /** Shorthand for a step in which one role does one action. */
  public ScenarioBuilder step(String id, String role, String action, JsonNode data) {
    return step(id, s -> s.action(role, action, data));
  }

  public ScenarioBuilder waitFor(String id, Duration duration) {
    steps.add(new Step.Wait(id, duration, null));
    return this;
  }

  public ScenarioBuilder check(String id, String value, Step.CheckOperator operator, String expected) {
    steps.add(new Step.Check(id, value, operator, expected, null, null));
    return this;
  }

  /**
   * A check over a list: {@code any}, {@code all} or {@code none} of its elements look like
   * {@code expected}, or {@code count} of them (those like {@code where}, or all) is {@code expected}.
   */
  public ScenarioBuilder checkList(String id, String list, Step.CheckOperator operator, JsonNode expected, JsonNode where) {
    steps.add(new Step.Check(id, list, operator, expected, where, null, false, null, StepOptions.NONE));
    return this;
  }

  /** A check that only warns when it does not hold: the case goes on, and passes "with warnings". */
  public ScenarioBuilder softCheck(String id, String value, Step.CheckOperator operator, String expected, String message) {
    steps.add(new Step.Check(id, value, operator, TextNode.valueOf(expected), null, message, true, null, StepOptions.NONE));
    return this;
  }

  /**
   * A step the coordinator performs itself against one of the case's servers (null: its only
   * one); the result is kept under {@code as} (null: not kept).
   */
  public ScenarioBuilder call(String id, String call, String server, JsonNode with, String as) {
    steps.add(new Step.Call(id, call, server, with == null ? com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode()
        : with, as, null, null, StepOptions.NONE));
    return this;
  }

  /** Steps repeated {@code times} rounds; {@code ${as}} is the round, 1 to times (as may be null). */
  public ScenarioBuilder repeat(String id, int times, String as, Consumer<ScenarioBuilder> body) {
    steps.add(new Step.Loop(id, times, null, as, bodyOf(body)));
    return this;
  }

  /** Steps repeated once for each item (role names, say); {@code ${as}} is the item, and may name the role a step addresses. */
  public ScenarioBuilder forEach(String id, List<String> items, String as, Consumer<ScenarioBuilder> body) {
    steps.add(new Step.Loop(id, null, items, as, bodyOf(body)));
    return this;
  }

  private static List<Step> bodyOf(Consumer<ScenarioBuilder> body) {
    ScenarioBuilder inner = new ScenarioBuilder("body");
    body.accept(inner);
    return inner.steps;
  }

  /** The step added last keeps this value under {@code name} when it is done: {@code ${name}} from then on. */
  public ScenarioBuilder save(String name, String value) {
    Step last = last();
    Map<String, JsonNode> save = new LinkedHashMap<>(last.options().save());
    save.put(name, TextNode.valueOf(value));
    steps.set(steps.size() - 1, last.withOptions(last.options().withSave(save)));
    return this;
  }

  /** The step added last runs only in cases where {@code role} (or a server) was cast as one of these types. */
  public ScenarioBuilder when(String role, String... types) {
    Step last = last();
    Map<String, List<String>> when = new LinkedHashMap<>(last.options().when());
    when.put(role, Arrays.asList(types));
    steps.set(steps.size() - 1, last.withOptions(last.options().withWhen(when)));
    return this;
  }

  private Step last() {
    if (steps.isEmpty()) throw new IllegalStateException("add a step first");
    return steps.get(steps.size() - 1);
  }

  public Scenario build() {
    Scenario scenario = new Scenario(name, description, roles, servers, serverTypes, variables, new AnswerRules(strict, expect), steps, timeout,
        stepTimeout, "scenario " + name);
    List<ScenarioValidator.Problem> problems = ScenarioValidator.problems(scenario);
    if (!problems.isEmpty()) {
      throw new ScenarioException(scenario.source(), 0,
          problems.get(0).message() + " (at " + problems.get(0).pointer() + ")");
    }
    return scenario;
  }

  /** The body of an actions step. */
  public static final class ActionsStep {
    private final Map<String, ActionTemplate> actions = new LinkedHashMap<>();
    private final List<Branch> on = new ArrayList<>();
    private Target next;
    private Duration timeout;
    private Boolean strict;

    public ActionsStep action(String role, String action, JsonNode data) {
      actions.put(role, new ActionTemplate(action, data));
      return this;
    }

    public ActionsStep action(String role, String action) {
      return action(role, action, null);
    }

    /** When {@code role} answers {@code word}, go to a step name, {@code passed} or {@code failed}. */
    public ActionsStep on(String role, String word, String target) {
      on.add(new Branch(role, word, Target.named(target)));
      return this;
    }

    public ActionsStep failOn(String role, String word, String reason) {
      on.add(new Branch(role, word, new Target.Failed(reason)));
      return this;
    }

    public ActionsStep next(String target) {
      this.next = Target.named(target);
      return this;
    }

    public ActionsStep timeout(Duration perStep) {
      this.timeout = perStep;
      return this;
    }

    /** This step reads answers strictly (true) or lets any answer move on (false), whatever the scenario says. */
    public ActionsStep strict(boolean strictAnswers) {
      this.strict = strictAnswers;
      return this;
    }

    /** The words {@code role}'s answer may carry in this step, when it is strict. */
    public ActionsStep expect(String role, String... words) {
      ActionTemplate action = actions.get(role);
      if (action == null) throw new IllegalArgumentException("give " + role + " an action before saying what it may answer");
      actions.put(role, new ActionTemplate(action.action(), action.data(), Arrays.asList(words)));
      return this;
    }
  }
}
