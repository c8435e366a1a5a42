package dev.trafficlight.core.scenario;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A scenario compiled once into states and the transitions between them, every target resolved:
 * the engine runs it and the pictures draw it, so the two can never read the steps differently.
 *
 */
public final class StateMachine {
  private final List<State> states;
  private final Map<String, State> byId = new LinkedHashMap<>();

  /**
   * A step and where it can lead.
   *
   * @param expected for a step whose answers are strict: each role's expected words (empty otherwise)
   */
  public record State(Step step, List<Transition> transitions, Map<String, Set<String>> expected) {
    public State {
      transitions = List.copyOf(transitions);
      Map<String, Set<String>> copy = new LinkedHashMap<>();
      expected.forEach((role, words) -> copy.put(role, java.util.Collections.unmodifiableSet(new LinkedHashSet<>(words))));
      expected = java.util.Collections.unmodifiableMap(copy);
    }

    public State(Step step, List<Transition> transitions) {
      this(step, transitions, Map.of());
    }

    public String id() {
      return step.id();
    }
  }

  /**
   * An edge: when {@code trigger} happens, go to {@code target}.
   *
   * @param ranOut the target is {@code passed} only because the steps ran out
   */
  public record Transition(Trigger trigger, Target target, boolean ranOut) {}

  /** What moves a case out of a state. */
  public sealed interface Trigger {
    /** Every role has answered, and {@code role} answered {@code word}; the first such rule wins. */
    record Answered(String role, String word) implements Trigger {}

    /** Every role has answered and no {@link Answered} rule matched. */
    record Otherwise() implements Trigger {}

    /** In a strict step, a role answered a word it was not expected to: at once, without waiting for the others. */
    record Unexpected() implements Trigger {}

    /** The wait is over. */
    record After(Duration duration) implements Trigger {}

    /** The check held. */
    record Holds() implements Trigger {}

    /** The check did not hold: the case fails, or, for a soft check, goes on with a warning. */
    record Fails() implements Trigger {}
  }

  private StateMachine(List<State> states) {
    this.states = List.copyOf(states);
    states.forEach(s -> byId.putIfAbsent(s.id(), s));
  }

  /** One state per step, in the order written; a case starts in the first. */
  public List<State> states() {
    return states;
  }

  /** Resolves every step's targets: a step with no {@code next} goes on to the step after it, the last to {@code passed}. */
  public static StateMachine compile(List<Step> steps, AnswerRules answers) {
    List<State> states = new ArrayList<>();
    for (int i = 0; i < steps.size(); i++) {
      Step step = steps.get(i);
      boolean ranOut = step.next() == null && i + 1 == steps.size();
      Target onwards = step.next() != null ? step.next()
          : ranOut ? new Target.Passed() : new Target.Step(steps.get(i + 1).id());
      List<Transition> transitions = new ArrayList<>();
      Map<String, Set<String>> expected = Map.of();
      if (step instanceof Step.Actions actions) {
        for (Branch b : actions.on()) {
          transitions.add(new Transition(new Trigger.Answered(b.role(), b.word()), b.target(), false));
        }
        transitions.add(new Transition(new Trigger.Otherwise(), onwards, ranOut));
        if (strict(actions, answers)) {
          expected = expectedWords(actions, answers);
          transitions.add(new Transition(new Trigger.Unexpected(), new Target.Failed(null), false));
        }
      } else if (step instanceof Step.Wait wait) {
        transitions.add(new Transition(new Trigger.After(wait.duration()), onwards, ranOut));
      } else if (step instanceof Step.Check check) {
        transitions.add(new Transition(new Trigger.Holds(), onwards, ranOut));
        transitions.add(check.soft() ? new Transition(new Trigger.Fails(), onwards, ranOut)
            : new Transition(new Trigger.Fails(), new Target.Failed(null), false));
      }
      states.add(new State(step, transitions, expected));
    }
    return new StateMachine(states);
  }

  /** Whether a step reads its answers strictly: as it says, else as the scenario says. */
  public static boolean strict(Step.Actions step, AnswerRules answers) {
    return step.strict() != null ? step.strict() : answers.strict();
  }

  /**
   * Each role's expected words in a strict step: the action's own {@code expect}, else the
   * scenario's table for the action's name, and always the words the step branches on.
   */
  public static Map<String, Set<String>> expectedWords(Step.Actions step, AnswerRules answers) {
    Map<String, Set<String>> expected = new LinkedHashMap<>();
    step.actions().forEach((role, action) -> {
      Set<String> words = new LinkedHashSet<>(action.expect().isEmpty()
          ? answers.expect().getOrDefault(action.action(), List.of()) : action.expect());
      step.on().stream().filter(b -> b.role().equals(role)).forEach(b -> words.add(b.word()));
      expected.put(role, words);
    });
    return expected;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StateMachine other && states.equals(other.states);
  }

  @Override
  public int hashCode() {
    return states.hashCode();
  }

  public State initial() {
    return states.get(0);
  }

  /** The state of a step, by its id. */
  public State state(String stepId) {
    State found = byId.get(stepId);
    if (found == null) throw new IllegalArgumentException("no step '" + stepId + "'");
    return found;
  }

  /** Where a state goes for a trigger of this kind: the first transition whose trigger is one. */
  public static Transition first(State state, Class<? extends Trigger> kind) {
    return state.transitions().stream().filter(t -> kind.isInstance(t.trigger())).findFirst()
        .orElseThrow(() -> new IllegalStateException("step '" + state.id() + "' has no " + kind.getSimpleName() + " transition"));
  }
}
