package dev.trafficlight.core.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns written steps into states: each loop's body once per round, named {@code step#round},
 * its roles filled in from the loop's variable; every target resolved to a state, looking first
 * among the steps of the same round, then outwards.
 */
final class MachineCompiler {
  private final AnswerRules answers;
  private final List<StateMachine.State> states = new ArrayList<>();

  MachineCompiler(AnswerRules answers) {
    this.answers = answers;
  }

  /** Where a list of steps is being compiled: its round's suffix and bindings, and the scopes around it. */
  private record Scope(List<Step> steps, String suffix, Map<String, JsonNode> bindings, Scope outer) {
    /** The state id a target names, seen from here: a step of this round, else of an enclosing one. */
    Optional<String> resolve(String name) {
      for (Step step : steps) {
        if (step.id().equals(name)) return Optional.of(entry(step, this));
      }
      return outer == null ? Optional.empty() : outer.resolve(name);
    }
  }

  StateMachine compile(List<Step> steps) {
    if (StateMachine.size(steps) > StateMachine.MAX_STATES) return new StateMachine(List.of());
    emit(new Scope(steps, "", Map.of(), null), null);
    return new StateMachine(states);
  }

  /** The state a step is entered by: itself, or for a loop the first step of its first round. */
  private static String entry(Step step, Scope scope) {
    if (step instanceof Step.Loop loop) {
      if (loop.rounds() <= 0 || loop.body().isEmpty()) return null;
      return entry(loop.body().get(0), round(loop, 1, scope));
    }
    return step.id() + scope.suffix();
  }

  private static Scope round(Step.Loop loop, int round, Scope scope) {
    Map<String, JsonNode> bindings = new LinkedHashMap<>(scope.bindings());
    if (loop.variable() != null) {
      bindings.put(loop.variable(), loop.times() != null ? IntNode.valueOf(round) : TextNode.valueOf(loop.valueOf(round)));
    }
    return new Scope(loop.body(), scope.suffix() + "#" + loop.valueOf(round), bindings, scope);
  }

  /** Compiles a list of steps; {@code after} is where its last step goes (null: passed, the steps ran out). */
  private void emit(Scope scope, Target after) {
    List<Step> steps = scope.steps();
    for (int i = 0; i < steps.size(); i++) {
      Target onwards = after;
      for (int j = i + 1; j < steps.size() && onwards == after; j++) {
        String entry = entry(steps.get(j), scope);
        if (entry != null) onwards = new Target.Step(entry);
      }
      Step step = steps.get(i);
      if (step instanceof Step.Loop loop) {
        emitLoop(loop, scope, onwards);
      } else {
        emitState(step, scope, onwards);
      }
    }
  }

  private void emitLoop(Step.Loop loop, Scope scope, Target onwards) {
    for (int r = 1; r <= loop.rounds(); r++) {
      Target afterRound = onwards;
      String note = null;
      if (r < loop.rounds()) {
        String next = entry(loop.body().get(0), round(loop, r + 1, scope));
        afterRound = new Target.Step(next);
        note = loop.times() != null ? "repeat " + loop.times() + "×"
            : "for each " + (loop.variable() == null ? "" : loop.variable() + " ") + "in " + loop.items();
      }
      int before = states.size();
      emit(round(loop, r, scope), afterRound);
      if (note != null) markRound(before, afterRound, note);
    }
  }

  /** Marks the edges of a round that lead into the next round, so pictures can draw them as the loop. */
  private void markRound(int from, Target next, String note) {
    for (int i = from; i < states.size(); i++) {
      StateMachine.State s = states.get(i);
      List<StateMachine.Transition> marked = new ArrayList<>();
      for (StateMachine.Transition t : s.transitions()) {
        boolean intoNext = t.target().equals(next) && !(t.trigger() instanceof StateMachine.Trigger.Answered);
        marked.add(intoNext && t.round() == null ? new StateMachine.Transition(t.trigger(), t.target(), t.ranOut(), note) : t);
      }
      states.set(i, new StateMachine.State(s.step(), marked, s.expected(), s.written(), s.bindings()));
    }
  }

  /** One state; {@code following} is the step after it in the list (null: none, the steps run out). */
  private void emitState(Step written, Scope scope, Target following) {
    boolean ranOut = written.next() == null && following == null;
    Target onwards = written.next() != null ? resolve(written.next(), scope) : ranOut ? new Target.Passed() : following;
    Step step = concrete(written, scope);
    List<StateMachine.Transition> transitions = new ArrayList<>();
    Map<String, Set<String>> expected = Map.of();
    if (step instanceof Step.Actions actions) {
      for (Branch b : actions.on()) {
        transitions.add(new StateMachine.Transition(new StateMachine.Trigger.Answered(b.role(), b.word()), resolve(b.target(), scope), false));
      }
      transitions.add(new StateMachine.Transition(new StateMachine.Trigger.Otherwise(), onwards, ranOut));
      if (StateMachine.strict(actions, answers)) {
        expected = StateMachine.expectedWords(actions, answers);
        transitions.add(new StateMachine.Transition(new StateMachine.Trigger.Unexpected(), new Target.Failed(null), false));
      }
    } else if (step instanceof Step.Wait wait) {
      transitions.add(new StateMachine.Transition(new StateMachine.Trigger.After(wait.duration()), onwards, ranOut));
    } else if (step instanceof Step.Check check) {
      transitions.add(new StateMachine.Transition(new StateMachine.Trigger.Holds(), onwards, ranOut));
      transitions.add(check.soft() ? new StateMachine.Transition(new StateMachine.Trigger.Fails(), onwards, ranOut)
          : new StateMachine.Transition(new StateMachine.Trigger.Fails(), new Target.Failed(null), false));
    } else if (step instanceof Step.Call) {
      transitions.add(new StateMachine.Transition(new StateMachine.Trigger.Returned(), onwards, ranOut));
      transitions.add(new StateMachine.Transition(new StateMachine.Trigger.CallFailed(), new Target.Failed(null), false));
    }
    if (!step.options().when().isEmpty()) {
      // A step passed over is as if it were not written: on to the step after it, whatever its 'next' says.
      Target skipTo = following == null ? new Target.Passed() : following;
      transitions.add(new StateMachine.Transition(new StateMachine.Trigger.Skipped(step.options().when()), skipTo, following == null));
    }
    states.add(new StateMachine.State(step, transitions, expected, written, scope.bindings()));
  }

  private static Target resolve(Target target, Scope scope) {
    if (!(target instanceof Target.Step s)) return target;
    return scope.resolve(s.id()).map(id -> (Target) new Target.Step(id)).orElse(target);
  }

  /** The step as this round runs it: its id with the round's suffix, roles named by the loop variable filled in. */
  private static Step concrete(Step written, Scope scope) {
    if (scope.suffix().isEmpty()) return written;
    String id = written.id() + scope.suffix();
    StepOptions options = written.options();
    Map<String, List<String>> when = new LinkedHashMap<>();
    options.when().forEach((name, types) -> when.put(fill(name, scope), types));
    options = options.withWhen(when);
    if (written instanceof Step.Actions a) {
      Map<String, ActionTemplate> actions = new LinkedHashMap<>();
      a.actions().forEach((role, action) -> actions.put(fill(role, scope), action));
      List<Branch> on = a.on().stream().map(b -> new Branch(fill(b.role(), scope), b.word(), b.target())).toList();
      return a.with(id, actions, on, a.next()).withOptions(options);
    }
    if (written instanceof Step.Wait w) return new Step.Wait(id, w.duration(), w.next(), options);
    if (written instanceof Step.Check c) {
      return new Step.Check(id, c.value(), c.operator(), c.expected(), c.where(), c.message(), c.soft(), c.next(), options);
    }
    Step.Call c = (Step.Call) written;
    return new Step.Call(id, c.call(), c.server() == null ? null : fill(c.server(), scope), c.with(), c.as(), c.timeout(),
        c.next(), options);
  }

  /** A role (or server) written as {@code ${who}}, filled in from the round's bindings; anything else as it is. */
  private static String fill(String name, Scope scope) {
    if (!name.contains("${")) return name;
    try {
      return Template.resolveString(name, n -> Optional.ofNullable(scope.bindings().get(n)));
    } catch (Template.TemplateError e) {
      return name; // the validator says what is wrong with it
    }
  }
}
