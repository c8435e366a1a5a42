package dev.trafficlight.core.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trafficlight.core.Json;
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
import dev.trafficlight.core.view.CaseState;
import dev.trafficlight.core.view.CaseView;
import dev.trafficlight.core.view.CoordinatorEvent;
import dev.trafficlight.core.view.TimelineEntry;
import dev.trafficlight.core.view.TimelineEntry.Kind;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
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
  private final List<TimelineEntry> timeline = new ArrayList<>();
  private final List<String> visited = new ArrayList<>();
  private final List<Artifact> artifacts = new ArrayList<>();

  /** The state the case is in; null before it starts. */
  private StateMachine.State current;
  private final Set<String> pending = new LinkedHashSet<>();
  /** The answer word of each role that has answered the current step. */
  private final Map<String, String> answers = new LinkedHashMap<>();
  private Instant stepDeadline;

  CaseRun(CaseDefinition definition, Settings settings, Clock clock, Effects fx) {
    this.definition = definition;
    this.fx = fx;
    this.scenario = definition.scenario();
    this.settings = settings;
    this.clock = clock;
    this.createdAt = clock.instant();
  }

  String id() {
    return definition.id();
  }

  /** Takes its clients and servers and enters the first step. */
  void start(Map<String, ClientRecord> cast) {
    state = CaseState.RUNNING;
    startedAt = clock.instant();
    caseDeadline = startedAt.plus(orDefault(scenario.timeout(), settings.caseTimeout()));
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
    fx.publish(new CoordinatorEvent.CaseStarted(view(List.of())));
    Map<String, JsonNode> registrations = new LinkedHashMap<>();
    cast.forEach((role, client) -> registrations.put(role, client.registration));
    try {
      variables = CaseVariables.bind(id(), scenario, settings.homeservers(), registrations);
    } catch (IllegalStateException unbindable) {
      end(CaseState.ERROR, unbindable.getMessage(), null);
      return;
    }
    advance(new StateMachine.Transition(new StateMachine.Trigger.Otherwise(),
        new Target.Step(scenario.machine().initial().id()), false));
  }

  /** Enters a state; a check is left for {@link #advance} to evaluate, since it needs no one to wait for. */
  private Step enter(StateMachine.State state) {
    current = state;
    Step step = state.step();
    visited.add(step.id());
    pending.clear();
    answers.clear();
    Instant now = clock.instant();
    if (step instanceof Step.Actions actions) {
      record(Kind.STEP, null, null, step.id(), null, null, "waiting for " + actions.actions().keySet());
      stepDeadline = now.plus(orDefault(actions.timeout(), orDefault(scenario.stepTimeout(), settings.stepTimeout())));
      giveActions(actions);
    } else if (step instanceof Step.Wait wait) {
      record(Kind.WAIT, null, null, step.id(), null, null, "waiting " + Durations.format(wait.duration()));
      stepDeadline = now.plus(wait.duration());
    }
    return step;
  }

  /** Resolves every role's action first, so a bad reference never leaves a half-started step. */
  private void giveActions(Step.Actions step) {
    Map<String, Instruction.Action> resolved = new LinkedHashMap<>();
    for (Map.Entry<String, ActionTemplate> e : step.actions().entrySet()) {
      try {
        String name = Template.resolveString(e.getValue().action(), variables);
        JsonNode data = Template.resolve(e.getValue().data(), variables);
        resolved.put(e.getKey(), new Instruction.Action(Ids.next(), name, data));
      } catch (Template.UndefinedReference u) {
        end(CaseState.ERROR, "step '" + step.id() + "': " + u.getMessage() + " in "
            + e.getKey() + "'s action (no earlier answer or registration has that field)", null);
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

  /** The transition taken: where the check leads when it holds; when it does not, the case ends and the result is null. */
  private StateMachine.Transition runCheck(Step.Check check) {
    String actual;
    String expected;
    boolean holds;
    try {
      actual = Template.resolveString(check.value(), variables);
      expected = Template.resolveString(check.expected(), variables);
      holds = switch (check.operator()) {
        case EQUALS -> actual.equals(expected);
        case CONTAINS -> actual.contains(expected);
        case MATCHES -> Pattern.compile(expected).matcher(actual).find();
      };
    } catch (Template.UndefinedReference u) {
      end(CaseState.ERROR, "step '" + check.id() + "': " + u.getMessage(), null);
      return null;
    } catch (PatternSyntaxException p) {
      end(CaseState.ERROR, "step '" + check.id() + "': '" + p.getPattern() + "' is not a regular expression: "
          + p.getDescription(), null);
      return null;
    }
    String words = check.value() + " (= '" + abbreviate(actual) + "') " + check.operator().word + " '" + expected + "'";
    record(Kind.CHECK, null, null, check.id(), holds ? "holds" : "fails", null, words);
    if (!holds) {
      String message = check.message() != null ? check.message() + ": " : "";
      end(CaseState.FAILED, "check '" + check.id() + "' failed: " + message + "expected " + words, null);
      return null;
    }
    return StateMachine.first(current, StateMachine.Trigger.Holds.class);
  }

  private static String abbreviate(String s) {
    return s.length() <= 200 ? s : s.substring(0, 200) + "…";
  }

  /** The client's answer to its outstanding action (already matched by the coordinator). */
  void answer(ClientRecord client, Answer answer) {
    Step step = current.step();
    record(Kind.ANSWER, client.role, client.outstanding.id(), step.id(), answer.word(), answer.fields(), null);
    client.outstanding = null;
    pending.remove(client.role);
    answers.put(client.role, answer.word());
    variables.capture(client.role, answer);
    if (pending.isEmpty() && step instanceof Step.Actions) {
      advance(branch());
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
   * Takes a transition, and on through checks, which run at once. A loop made only of checks
   * would never stop, so a long run of them ends the case.
   */
  private void advance(StateMachine.Transition transition) {
    for (int checksInARow = 0; !state.isFinal(); checksInARow++) {
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
      if (checksInARow == MAX_CHECKS_IN_A_ROW) {
        end(CaseState.ERROR, MAX_CHECKS_IN_A_ROW + " checks in a row with no action or wait between them at step '"
            + next.id() + "': the checks loop", null);
        return;
      }
      if (!(enter(next) instanceof Step.Check check)) {
        return;
      }
      transition = runCheck(check);
      if (transition == null) {
        return;
      }
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
            + (firstLine.isEmpty() ? "" : ": " + abbreviate(firstLine)), failure.report());
  }

  void attach(ClientRecord client, Artifact artifact) {
    artifacts.add(artifact);
    record(Kind.ARTIFACT, client.role, null, currentStepId(), artifact.name(), null,
        artifact.size() + " bytes");
  }

  /** Deadlines: the case's, the step's, a wait's end, and clients gone silent. */
  void tick(Instant now) {
    if (state != CaseState.RUNNING) return;
    Step step = current.step();
    if (!now.isBefore(caseDeadline)) {
      end(CaseState.ERROR, "case timed out after " + Durations.format(orDefault(scenario.timeout(), settings.caseTimeout()))
          + " at step '" + step.id() + "'" + waitingForWords(), null);
    } else if (step instanceof Step.Wait && !now.isBefore(stepDeadline)) {
      advance(StateMachine.first(current, StateMachine.Trigger.After.class));
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
    if (state.isFinal()) return;
    state = outcome;
    reason = why;
    errorDetails = Kept.json(details);
    endedAt = clock.instant();
    record(Kind.ENDED, null, null, currentStepId(), outcome.word(), null, why);
    String exitReason = "case " + id() + " " + outcome.word() + ": " + why;
    for (ClientRecord client : members.values()) {
      client.outstanding = null;
      client.state = ClientRecord.State.EXITED;
      client.caseRun = null;
      client.exit = new Instruction.Exit(Ids.next(), exitReason);
      client.exitedAt = endedAt;
      client.toldExit = false;
      fx.tell(client, client.exit);
    }
    pending.clear();
    fx.publish(new CoordinatorEvent.CaseEnded(view(List.of())));
  }

  String currentStepId() {
    return current == null ? null : current.id();
  }

  private void record(Kind kind, String role, String actionId, String step, String name, JsonNode data, String text) {
    if (timeline.size() >= MAX_TIMELINE_ENTRIES && kind != Kind.ENDED) {
      end(CaseState.ERROR, "the case's timeline reached " + MAX_TIMELINE_ENTRIES + " entries at step '" + step
          + "'; a scenario that loops without end?", null);
      return;
    }
    TimelineEntry entry = new TimelineEntry(clock.instant(), kind, step, role, actionId, Kept.text(name),
        Kept.json(data), Kept.text(text));
    timeline.add(entry);
    fx.publish(new CoordinatorEvent.CaseProgressed(id(), entry));
  }

  CaseView view(List<String> waitingFor) {
    Map<String, String> types = new LinkedHashMap<>();
    for (Role.Cast cast : definition.casts()) types.put(cast.role(), cast.type());
    Map<String, CaseView.Member> viewMembers = new LinkedHashMap<>();
    members.forEach((role, c) -> viewMembers.put(role, new CaseView.Member(c.uuid, c.type(),
        pending.contains(role) && c.outstanding != null ? c.outstanding.name() : null)));
    return new CaseView(id(), scenario.name(), state, reason, types, viewMembers, currentStepId(),
        List.copyOf(visited), createdAt, startedAt, endedAt, List.copyOf(timeline), List.copyOf(artifacts),
        List.copyOf(waitingFor), errorDetails == null ? null : errorDetails.deepCopy());
  }

  private static Duration orDefault(Duration d, Duration fallback) {
    return d != null ? d : fallback;
  }
}
