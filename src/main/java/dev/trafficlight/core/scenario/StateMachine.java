package dev.trafficlight.core.scenario;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A scenario compiled once into states and the transitions between them, every target resolved:
 * the engine runs it and the pictures draw it, so the two can never read the steps differently.
 *
 */
public final class StateMachine {
  private final List<State> states;
  private final Map<String, State> byId = new LinkedHashMap<>();

  /** A step and where it can lead. */
  public record State(Step step, List<Transition> transitions) {
    public State {
      transitions = List.copyOf(transitions);
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

    /** The wait is over. */
    record After(Duration duration) implements Trigger {}

    /** The check held. */
    record Holds() implements Trigger {}

    /** The check did not hold. */
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
  public static StateMachine compile(List<Step> steps) {
    List<State> states = new ArrayList<>();
    for (int i = 0; i < steps.size(); i++) {
      Step step = steps.get(i);
      boolean ranOut = step.next() == null && i + 1 == steps.size();
      Target onwards = step.next() != null ? step.next()
          : ranOut ? new Target.Passed() : new Target.Step(steps.get(i + 1).id());
      List<Transition> transitions = new ArrayList<>();
      if (step instanceof Step.Actions actions) {
        for (Branch b : actions.on()) {
          transitions.add(new Transition(new Trigger.Answered(b.role(), b.word()), b.target(), false));
        }
        transitions.add(new Transition(new Trigger.Otherwise(), onwards, ranOut));
      } else if (step instanceof Step.Wait wait) {
        transitions.add(new Transition(new Trigger.After(wait.duration()), onwards, ranOut));
      } else if (step instanceof Step.Check) {
        transitions.add(new Transition(new Trigger.Holds(), onwards, ranOut));
        transitions.add(new Transition(new Trigger.Fails(), new Target.Failed(null), false));
      }
      states.add(new State(step, transitions));
    }
    return new StateMachine(states);
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
