package dev.trafficlight.core.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trafficlight.core.port.Answer;
import dev.trafficlight.core.port.Artifact;
import dev.trafficlight.core.port.Failure;
import dev.trafficlight.core.port.Instruction;
import dev.trafficlight.core.scenario.ActionTemplate;
import dev.trafficlight.core.scenario.CaseDefinition;
import dev.trafficlight.core.Durations;
import dev.trafficlight.core.scenario.Role;
import dev.trafficlight.core.scenario.Scenario;
import dev.trafficlight.core.scenario.StateMachine;
import dev.trafficlight.core.scenario.Step;
import dev.trafficlight.core.scenario.Target;
import dev.trafficlight.core.scenario.Template;
import dev.trafficlight.core.servers.ProvidedServers;
import dev.trafficlight.core.servers.ServerRequest;
import dev.trafficlight.core.view.CaseState;
import dev.trafficlight.core.view.CaseView;
import dev.trafficlight.core.view.CoordinatorEvent;
import dev.trafficlight.core.view.TimelineEntry.Kind;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** One case running as a state machine over its scenario's steps. Guarded by the coordinator's lock. */
final class CaseRun {
  private static final int MAX_CHECKS_IN_A_ROW = 1000;
  /** A case's timeline holds at most this many entries; past it the case ends in error. */
  static final int MAX_TIMELINE_ENTRIES = 10_000;
  final CaseDefinition definition;
  private final Scenario scenario;
  private final Settings settings;
  private final Clock clock;
  private final Effects fx;
  private final Workers workers;
  /** This case's {@code ${case.token}}, also the name its servers are made under. */
  private final String token = CaseVariables.token();
  private CaseServers servers;
  private Instant prepareDeadline;
  private final CallRunner calls;
  /** A call's own timeout speaks first; the step's deadline only catches one that never returns. */
  private static final Duration CALL_GRACE = Duration.ofSeconds(5);

  CaseState state = CaseState.WAITING;
  private String reason;
  private JsonNode errorDetails;
  final Instant createdAt;
  /** The order in which cases were queued: the oldest waiting case is offered clients first. */
  long sequence;
  private Instant startedAt;
  private Instant endedAt;
  private Instant caseDeadline;

  final Map<String, ClientRecord> members = new LinkedHashMap<>();
  private CaseVariables variables;
  private final CaseJournal journal;

  /** The state the case is in; null before it starts. */
  private StateMachine.State current;
  private final Set<String> pending = new LinkedHashSet<>();
  /** The answer word of each role that has answered the current step. */
  private final Map<String, String> answers = new LinkedHashMap<>();
  private Instant stepDeadline;
  /** How the case ended under an earlier coordinator, when it ended there: then it is only shown, never run. */
  private CaseView restored;

  CaseRun(CaseDefinition definition, Settings settings, Clock clock, Effects fx, Workers workers) {
    this.definition = definition;
    this.fx = fx;
    this.workers = workers;
    this.calls = new CallRunner(workers);
    this.journal = new CaseJournal(definition.id(), clock, fx);
    this.scenario = definition.scenario();
    this.settings = settings;
    this.clock = clock;
    this.createdAt = clock.instant();
  }

  String id() {
    return definition.id();
  }

  /**
   * Takes its clients, then its servers: at once when the provider needs no I/O, else the case is
   * {@code preparing} until they are ready. The first step is entered when both are there.
   */
  void start(Map<String, ClientRecord> cast) {
    startedAt = clock.instant();
    members.putAll(cast);
    cast.forEach((role, client) -> {
      client.state = ClientRecord.State.IN_CASE;
      client.caseRun = this;
      client.caseId = id();
      client.role = role;
      client.lastSeen = startedAt;
    });
    record(Kind.STARTED, null, null, null, null, null, cast.entrySet().stream()
        .map(e -> e.getKey() + "=" + e.getValue().describe()).collect(Collectors.joining(", ")));
    servers = new CaseServers(workers.services().servers(), workers.servers(), new ServerRequest(id(), token,
        definition.serverTypes().entrySet().stream().map(e -> new ServerRequest.Wanted(e.getKey(), e.getValue())).toList()));
    if (servers.immediate()) {
      state = CaseState.RUNNING;
    } else {
      state = CaseState.PREPARING;
      prepareDeadline = startedAt.plus(settings.prepareTimeout());
      record(Kind.SERVERS, null, null, null, "preparing", null, servers.request.servers().size() + " server(s) from "
          + servers.providerName());
    }
    fx.publish(new CoordinatorEvent.CaseStarted(view(List.of())));
    servers.start(serverListener);
  }

  /** Hears the case's servers come, fail, or go back to the provider. */
  private final CaseServers.Listener serverListener = new CaseServers.Listener() {
    @Override
    public void ready(ProvidedServers provided) {
      state = CaseState.RUNNING;
      begin(provided);
    }

    @Override
    public void failed(String message) {
      serversFailed(message);
    }

    @Override
    public void released(String problem) {
      record(Kind.SERVERS, null, null, null, problem == null ? "released" : "release failed", null,
          problem == null ? "servers given back to " + servers.providerName() : problem);
    }
  };

  /** Servers in hand: binds the case's variables and enters the first step. */
  private void begin(ProvidedServers provided) {
    if (!provided.servers().isEmpty()) {
      record(Kind.SERVERS, null, null, null, "ready", null, provided.servers().entrySet().stream()
          .map(e -> e.getKey() + "=" + e.getValue().path(ProvidedServers.CS_API).asText()).collect(Collectors.joining(", ")));
    }
    caseDeadline = clock.instant().plus(orDefault(scenario.timeout(), settings.caseTimeout()));
    Map<String, JsonNode> registrations = new LinkedHashMap<>();
    members.forEach((role, client) -> registrations.put(role, client.registration));
    try {
      variables = CaseVariables.bind(id(), token, scenario, provided.servers(), registrations);
    } catch (IllegalStateException unbindable) {
      end(CaseState.ERROR, unbindable.getMessage(), null);
      return;
    }
    advance(new StateMachine.Transition(new StateMachine.Trigger.Otherwise(),
        new Target.Step(scenario.machine().initial().id()), false));
  }

  /** The provider could not make the servers: the case is in error, and its clients are free for other cases. */
  private void serversFailed(String message) {
    finish(CaseState.ERROR, "servers could not be prepared (" + servers.providerName() + "): " + message, null, false);
  }

  /**
   * Enters a state: gives its actions, starts its wait or its call. Returns the transition to take
   * at once for a state that waits for no one (a check, a step its {@code when} passes over), or
   * null when the case now waits (or has ended).
   */
  private StateMachine.Transition enter(StateMachine.State state) {
    current = state;
    Step step = state.step();
    journal.visited(step.id());
    pending.clear();
    answers.clear();
    variables.loop(state.bindings());
    Instant now = clock.instant();
    if (!When.holds(step.options().when(), members, definition.serverTypes())) {
      record(Kind.STEP, null, null, step.id(), "skipped", null, "skipped: it runs only when " + When.words(step.options().when()));
      return StateMachine.first(current, StateMachine.Trigger.Skipped.class);
    }
    if (step instanceof Step.Actions actions) {
      record(Kind.STEP, null, null, step.id(), null, null, "waiting for " + actions.actions().keySet());
      stepDeadline = now.plus(orDefault(actions.timeout(), stepTimeout()));
      giveActions(actions);
    } else if (step instanceof Step.Wait wait) {
      record(Kind.WAIT, null, null, step.id(), null, null, "waiting " + Durations.format(wait.duration()));
      stepDeadline = now.plus(wait.duration());
    } else if (step instanceof Step.Call call) {
      startCall(call, now);
    } else if (step instanceof Step.Check check) {
      StateMachine.Transition t = runCheck(check);
      return t == null ? null : done(t);
    }
    return null;
  }

  private Duration stepTimeout() {
    return orDefault(scenario.stepTimeout(), settings.stepTimeout());
  }

  /**
   * The step is done: keeps what it saves, and hands back where it goes; null when a value to
   * keep could not be had (the case has ended in error).
   */
  private StateMachine.Transition done(StateMachine.Transition transition) {
    for (Map.Entry<String, JsonNode> save : current.step().options().save().entrySet()) {
      try {
        variables.keep(save.getKey(), Template.resolve(save.getValue(), variables));
      } catch (Template.TemplateError e) {
        end(CaseState.ERROR, "step '" + current.id() + "': cannot save '" + save.getKey() + "': " + e.getMessage(), null);
        return null;
      }
    }
    return transition;
  }

  /** Starts the coordinator's own call: its arguments resolved now, its result fed back like an answer. */
  private void startCall(Step.Call call, Instant now) {
    Duration limit = orDefault(call.timeout(), stepTimeout());
    // The call bounds itself by the limit; the deadline leaves it a moment to say so in its own words.
    stepDeadline = now.plus(limit).plus(CALL_GRACE);
    CallRunner.Prepared prepared;
    try {
      prepared = CallRunner.prepare(call, scenario.servers(), variables);
    } catch (Template.TemplateError e) {
      end(CaseState.ERROR, "step '" + call.id() + "': " + e.getMessage(), null);
      return;
    }
    record(Kind.CALL, null, null, call.id(), call.call(), prepared.arguments(), "on " + prepared.serverName() + " ("
        + prepared.server().path("cs_api").asText() + ")");
    calls.start(call.call(), prepared.server(), prepared.arguments(), limit, new CallRunner.Listener() {
      @Override
      public void returned(JsonNode result) {
        record(Kind.CALL, null, null, call.id(), "returned", result, null);
        if (call.as() != null) variables.keep(call.as(), result);
        StateMachine.Transition t = done(StateMachine.first(current, StateMachine.Trigger.Returned.class));
        if (t != null) advance(t);
      }

      @Override
      public void failed(String message, boolean failsCase) {
        record(Kind.CALL, null, null, call.id(), "failed", null, message);
        end(failsCase ? CaseState.FAILED : CaseState.ERROR, "call '" + call.id() + "' (" + call.call() + ") failed: " + message, null);
      }
    });
  }

  /** Resolves every role's action first, so a bad reference never leaves a half-started step. */
  private void giveActions(Step.Actions step) {
    Map<String, Instruction.Action> resolved = new LinkedHashMap<>();
    for (Map.Entry<String, ActionTemplate> e : step.actions().entrySet()) {
      try {
        String name = Template.resolveString(e.getValue().action(), variables);
        JsonNode data = Template.resolve(e.getValue().data(), variables);
        if (!data.isObject()) {
          end(CaseState.ERROR, "step '" + step.id() + "': " + e.getKey() + "'s data " + e.getValue().data()
              + " is not a mapping but " + Checks.abbreviate(data.toString()), null);
          return;
        }
        resolved.put(e.getKey(), new Instruction.Action(Ids.next(), name, data));
      } catch (Template.UndefinedReference u) {
        end(CaseState.ERROR, "step '" + step.id() + "': " + u.getMessage() + " in "
            + e.getKey() + "'s action (no earlier answer or registration has that field)", null);
        return;
      } catch (Template.TemplateError t) {
        end(CaseState.ERROR, "step '" + step.id() + "': " + t.getMessage() + " in " + e.getKey() + "'s action", null);
        return;
      }
    }
    for (Map.Entry<String, Instruction.Action> e : resolved.entrySet()) {
      record(Kind.ACTION, e.getKey(), e.getValue().id(), step.id(), e.getValue().name(), e.getValue().data(), null);
      if (state.isFinal()) return;
      ClientRecord client = members.get(e.getKey());
      client.outstanding = e.getValue();
      client.deliveredAt = null;
      pending.add(e.getKey());
      fx.tell(client, e.getValue());
    }
  }

  /**
   * The transition taken: where the check leads when it holds, or, for a soft check, also when it
   * does not (with a warning kept); when a hard check does not hold, the case ends and the result is null.
   */
  private StateMachine.Transition runCheck(Step.Check check) {
    Checks.Result result;
    try {
      result = Checks.evaluate(check, variables);
    } catch (Template.TemplateError u) {
      end(CaseState.ERROR, "step '" + check.id() + "': " + u.getMessage(), null);
      return null;
    } catch (com.google.re2j.PatternSyntaxException p) {
      end(CaseState.ERROR, "step '" + check.id() + "': its pattern is not a regular expression: "
          + p.getDescription() + " (at '" + p.getPattern() + "')", null);
      return null;
    }
    String message = check.message() != null ? check.message() + ": " : "";
    String outcome = result.holds() ? "holds" : check.soft() ? "warning" : "fails";
    record(Kind.CHECK, null, null, check.id(), outcome, null, result.words());
    if (result.holds()) return StateMachine.first(current, StateMachine.Trigger.Holds.class);
    if (check.soft()) {
      journal.warn("check '" + check.id() + "': " + message + "expected " + result.words());
      return StateMachine.first(current, StateMachine.Trigger.Fails.class);
    }
    end(CaseState.FAILED, "check '" + check.id() + "' failed: " + message + "expected " + result.words(), null);
    return null;
  }

  /** The client's answer to its outstanding action (already matched by the coordinator). */
  void answer(ClientRecord client, Answer answer) {
    Step step = current.step();
    record(Kind.ANSWER, client.role, client.outstanding.id(), step.id(), answer.word(), answer.fields(), null);
    String action = client.outstanding.name();
    client.outstanding = null;
    pending.remove(client.role);
    answers.put(client.role, answer.word());
    variables.capture(client.role, answer);
    Set<String> expected = current.expected().get(client.role);
    if (expected != null && !expected.contains(answer.word())) {
      end(CaseState.FAILED, client.role + " answered '" + answer.word() + "' to " + action + " at step '" + step.id()
          + "'; strict answers expect " + (expected.size() == 1 ? "'" + expected.iterator().next() + "'" : "one of " + expected), null);
      return;
    }
    if (pending.isEmpty() && step instanceof Step.Actions) {
      StateMachine.Transition t = done(branch());
      if (t != null) advance(t);
    }
  }

  /** The first {@code on:} rule whose role answered its word; else where the step goes otherwise. */
  private StateMachine.Transition branch() {
    for (StateMachine.Transition t : current.transitions()) {
      if (t.trigger() instanceof StateMachine.Trigger.Answered a && a.word().equals(answers.get(a.role()))) {
        if (t.target() instanceof Target.Failed f && f.reason() == null) {
          return new StateMachine.Transition(a, new Target.Failed(a.role() + " answered '" + a.word()
              + "' at step '" + current.id() + "'"), false);
        }
        return t;
      }
    }
    return StateMachine.first(current, StateMachine.Trigger.Otherwise.class);
  }

  /**
   * Takes a transition, and on through the states that wait for no one (checks, and steps their
   * {@code when} passes over). A loop made only of those would never stop, so a long run of them
   * ends the case.
   */
  private void advance(StateMachine.Transition transition) {
    for (int inARow = 0; !state.isFinal() && transition != null; inARow++) {
      Target target = transition.target();
      if (target instanceof Target.Passed) {
        end(CaseState.PASSED, transition.ranOut() ? "all steps done" : "reached 'passed' after step '" + currentStepId() + "'", null);
        return;
      }
      if (target instanceof Target.Failed f) {
        end(CaseState.FAILED, f.reason() != null ? f.reason() : "step '" + currentStepId() + "' led to 'failed'", null);
        return;
      }
      StateMachine.State next = scenario.machine().state(((Target.Step) target).id());
      if (inARow == MAX_CHECKS_IN_A_ROW) {
        end(CaseState.ERROR, MAX_CHECKS_IN_A_ROW + " checks or skipped steps in a row with no action, wait or call "
            + "between them at step '" + next.id() + "': the steps loop", null);
        return;
      }
      transition = enter(next);
    }
  }

  /** A client reported a failure: a failed action fails the case, anything else breaks it. */
  void fail(ClientRecord client, Failure failure) {
    String firstLine = failure.details().lines().findFirst().orElse("");
    record(Kind.ERROR, client.role, client.outstanding == null ? null : client.outstanding.id(),
        currentStepId(), failure.label(), failure.report(), failure.details());
    boolean action = failure.kind() == Failure.Kind.ACTION;
    String what = action ? "reported an action failure" : "reported an error of type '" + failure.label() + "'";
    end(action ? CaseState.FAILED : CaseState.ERROR,
        client.describe() + " " + what + " at step '" + currentStepId() + "'"
            + (firstLine.isEmpty() ? "" : ": " + Checks.abbreviate(firstLine)), failure.report());
  }

  /** A file from one of this case's clients; one that never played in it has no say here. */
  void attach(ClientRecord client, Artifact artifact) {
    String role = members.entrySet().stream().filter(m -> m.getValue() == client).map(Map.Entry::getKey)
        .findFirst().orElse(null);
    if (role == null) return;
    journal.attached(artifact);
    record(Kind.ARTIFACT, role, null, currentStepId(), artifact.name(), null, artifact.size() + " bytes");
  }

  /** Deadlines: servers not ready, the case's, the step's, a wait's end, and clients gone silent. */
  void tick(Instant now) {
    if (state == CaseState.PREPARING && !now.isBefore(prepareDeadline)) {
      serversFailed("not ready after " + Durations.format(settings.prepareTimeout()));
      return;
    }
    if (state != CaseState.RUNNING) return;
    Step step = current.step();
    if (!now.isBefore(caseDeadline)) {
      end(CaseState.ERROR, "case timed out after " + Durations.format(orDefault(scenario.timeout(), settings.caseTimeout()))
          + " at step '" + step.id() + "'" + waitingForWords(), null);
    } else if (step instanceof Step.Wait && !now.isBefore(stepDeadline)) {
      StateMachine.Transition t = done(StateMachine.first(current, StateMachine.Trigger.After.class));
      if (t != null) advance(t);
    } else if (step instanceof Step.Call call && !now.isBefore(stepDeadline)) {
      end(CaseState.ERROR, "call '" + call.id() + "' (" + call.call() + ") did not return within "
          + Durations.format(orDefault(call.timeout(), stepTimeout())), null);
    } else if (step instanceof Step.Actions a && !now.isBefore(stepDeadline)) {
      Duration limit = orDefault(a.timeout(), orDefault(scenario.stepTimeout(), settings.stepTimeout()));
      end(CaseState.ERROR, "step '" + step.id() + "' timed out after " + Durations.format(limit) + waitingForWords(), null);
    } else {
      for (ClientRecord client : members.values()) {
        if (client.silentSince(now.minus(settings.silenceLimit()))) {
          end(CaseState.ERROR, client.describe() + " has neither polled nor answered for "
              + Durations.format(settings.silenceLimit()) + " (at step '" + step.id() + "')", null);
          return;
        }
      }
    }
  }

  private String waitingForWords() {
    if (pending.isEmpty()) return "";
    return "; no answer from " + pending.stream().map(r -> members.get(r).describe()).collect(Collectors.joining(", "));
  }

  /** Ends the case and tells every client in it to exit. */
  void end(CaseState outcome, String why, JsonNode details) {
    finish(outcome, why, details, true);
  }

  /**
   * Ends the case and gives its servers back. Its clients are told to exit, or, when the case
   * never got going for want of servers, are free again for other cases.
   */
  private void finish(CaseState outcome, String why, JsonNode details, boolean exit) {
    if (state.isFinal()) return;
    state = outcome;
    reason = why;
    errorDetails = Kept.json(details);
    endedAt = clock.instant();
    record(Kind.ENDED, null, null, currentStepId(), outcome.word(), null, why);
    String exitReason = "case " + id() + " " + outcome.word() + ": " + why;
    for (ClientRecord client : members.values()) {
      client.outstanding = null;
      client.caseRun = null;
      if (exit) {
        client.state = ClientRecord.State.EXITED;
        client.exit = new Instruction.Exit(Ids.next(), exitReason);
        client.exitedAt = endedAt;
        client.toldExit = false;
        fx.tell(client, client.exit);
      } else {
        client.state = ClientRecord.State.IDLE;
        client.role = null;
        fx.freed(client);
      }
    }
    pending.clear();
    calls.forget();
    if (servers != null) servers.release(serverListener);
    fx.publish(new CoordinatorEvent.CaseEnded(view(List.of())));
  }

  String currentStepId() {
    return current == null ? null : current.id();
  }

  private void record(Kind kind, String role, String actionId, String step, String name, JsonNode data, String text) {
    if (journal.size() >= MAX_TIMELINE_ENTRIES && kind != Kind.ENDED) {
      end(CaseState.ERROR, "the case's timeline reached " + MAX_TIMELINE_ENTRIES + " entries at step '" + step
          + "'; a scenario that loops without end?", null);
      return;
    }
    journal.record(kind, role, actionId, step, Kept.text(name), Kept.json(data), Kept.text(text));
  }

  /** The case ended under an earlier coordinator on the same store: it is shown as it ended there. */
  void restoreEnded(CaseView ended) {
    restored = ended;
    state = ended.state();
  }

  CaseView view(List<String> waitingFor) {
    if (restored != null) return restored;
    Map<String, String> types = new LinkedHashMap<>();
    for (Role.Cast cast : definition.casts()) types.put(cast.role(), cast.type());
    Map<String, CaseView.Member> viewMembers = new LinkedHashMap<>();
    members.forEach((role, c) -> viewMembers.put(role, new CaseView.Member(c.uuid, c.type(),
        pending.contains(role) && c.outstanding != null ? c.outstanding.name() : null)));
    return new CaseView(id(), scenario.name(), state, reason, types, definition.serverTypes(), viewMembers, currentStepId(),
        journal.visitedSteps(), createdAt, startedAt, endedAt, journal.timeline(), journal.artifacts(),
        List.copyOf(waitingFor), errorDetails == null ? null : errorDetails.deepCopy(), journal.warnings());
  }

  private static Duration orDefault(Duration d, Duration fallback) {
    return d != null ? d : fallback;
  }
}
