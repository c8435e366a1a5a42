package dev.trafficlight.core.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A scenario compiled once into states and the transitions between them, every target resolved:
 * the engine runs it and the pictures draw it, so the two can never read the steps differently.
 * Loops are unrolled, one copy of their body per round, so a state is a step in one round.
 */
public final class StateMachine {
  /** The most states a scenario may compile into, loops unrolled. */
  public static final int MAX_STATES = 10_000;

  private final List<State> states;
  private final Map<String, State> byId = new LinkedHashMap<>();

  /**
   * A step in one round of its loops, and where it can lead.
   *
   * @param step the step as it runs: in a loop, a copy named {@code send#2} with its roles filled in
   * @param expected for a step whose answers are strict: each role's expected words (empty otherwise)
   * @param written the step as written, for pictures: the same for every round
   * @param bindings the loop variables and their values in this round
   */
  public record State(Step step, List<Transition> transitions, Map<String, Set<String>> expected, Step written,
      Map<String, JsonNode> bindings) {
    public State {
      transitions = List.copyOf(transitions);
      Map<String, Set<String>> copy = new LinkedHashMap<>();
      expected.forEach((role, words) -> copy.put(role, Collections.unmodifiableSet(new LinkedHashSet<>(words))));
      expected = Collections.unmodifiableMap(copy);
      bindings = Collections.unmodifiableMap(new LinkedHashMap<>(bindings));
    }

    public State(Step step, List<Transition> transitions) {
      this(step, transitions, Map.of(), step, Map.of());
    }

    public String id() {
      return step.id();
    }
  }

  /**
   * An edge: when {@code trigger} happens, go to {@code target}.
   *
   * @param ranOut the target is {@code passed} only because the steps ran out
   * @param round for an edge into a loop's next round: the loop, in words ({@code repeat 9×}); else null
   */
  public record Transition(Trigger trigger, Target target, boolean ranOut, String round) {
    public Transition(Trigger trigger, Target target, boolean ranOut) {
      this(trigger, target, ranOut, null);
    }
  }

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

    /** The coordinator's own call returned a result. */
    record Returned() implements Trigger {}

    /** The coordinator's own call failed or timed out: the case ends (failed or in error, as the engine says). */
    record CallFailed() implements Trigger {}

    /** The step's {@code when} did not hold for this case's types: the step is passed over. */
    record Skipped(Map<String, List<String>> when) implements Trigger {}
  }

  StateMachine(List<State> states) {
    this.states = List.copyOf(states);
    states.forEach(s -> byId.putIfAbsent(s.id(), s));
  }

  /** One state per step and round, in the order written; a case starts in the first. */
  public List<State> states() {
    return states;
  }

  /**
   * Resolves every step's targets: a step with no {@code next} goes on to the step after it, the
   * last of a loop's body to the loop's next round, the very last to {@code passed}. A scenario
   * that would pass {@link #MAX_STATES} compiles to no states at all, for the validator to report.
   */
  public static StateMachine compile(List<Step> steps, AnswerRules answers) {
    return new MachineCompiler(answers).compile(steps);
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

  /** The written step a state's id comes from: {@code send#2} comes from {@code send}. */
  public static String origin(String stateId) {
    int hash = stateId.indexOf('#');
    return hash < 0 ? stateId : stateId.substring(0, hash);
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

  /** How many states the steps compile into, loops unrolled; anything above {@link #MAX_STATES} counts as one more. */
  public static long size(List<Step> steps) {
    long n = 0;
    for (Step step : steps) {
      n += step instanceof Step.Loop loop ? Math.max(0, loop.rounds()) * size(loop.body()) : 1;
      if (n > MAX_STATES) return MAX_STATES + 1L;
    }
    return n;
  }
}
