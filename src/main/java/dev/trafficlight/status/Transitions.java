package dev.trafficlight.status;

import dev.trafficlight.core.Durations;
import dev.trafficlight.core.scenario.Scenario;
import dev.trafficlight.core.scenario.StateMachine;
import dev.trafficlight.core.scenario.Step;
import dev.trafficlight.core.scenario.Target;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** A scenario's state machine as nodes and labelled edges, the one model every picture draws. */
final class Transitions {
  static final String PASSED = Target.PASSED;
  static final String FAILED = Target.FAILED;

  /** An edge; edges between the same two nodes are merged, their labels joined. */
  record Edge(String from, String to, String label) {}

  /** A node: a step, or one of the two outcomes. */
  record Node(String id, String detail, boolean terminal) {}

  final List<Node> nodes;
  final List<Edge> edges;

  private Transitions(List<Node> nodes, List<Edge> edges) {
    this.nodes = nodes;
    this.edges = edges;
  }

  /** Draws the scenario's compiled machine: one edge per transition, labelled by what triggers it. */
  static Transitions of(Scenario scenario) {
    Map<String, List<String>> labels = new LinkedHashMap<>();
    for (StateMachine.State state : scenario.machine().states()) {
      boolean branches = state.transitions().stream().anyMatch(t -> t.trigger() instanceof StateMachine.Trigger.Answered);
      for (StateMachine.Transition t : state.transitions()) {
        add(labels, state.id(), name(t.target()), label(t.trigger(), branches));
      }
    }
    List<Edge> edges = new ArrayList<>();
    labels.forEach((key, words) -> {
      String[] ends = key.split("\u0000", 2);
      edges.add(new Edge(ends[0], ends[1], words.stream().filter(w -> !w.isEmpty()).collect(Collectors.joining(" / "))));
    });
    List<Node> nodes = new ArrayList<>();
    for (StateMachine.State state : scenario.machine().states()) nodes.add(new Node(state.id(), detail(state.step()), false));
    nodes.add(new Node(PASSED, "", true));
    if (edges.stream().anyMatch(e -> e.to().equals(FAILED))) nodes.add(new Node(FAILED, "", true));
    return new Transitions(List.copyOf(nodes), List.copyOf(edges));
  }

  private static String label(StateMachine.Trigger trigger, boolean branches) {
    if (trigger instanceof StateMachine.Trigger.Answered a) return a.role() + ": " + a.word();
    if (trigger instanceof StateMachine.Trigger.Otherwise) return branches ? "otherwise" : "";
    if (trigger instanceof StateMachine.Trigger.Unexpected) return "unexpected answer";
    if (trigger instanceof StateMachine.Trigger.After after) return "after " + Durations.format(after.duration());
    return trigger instanceof StateMachine.Trigger.Holds ? "holds" : "fails";
  }

  private static void add(Map<String, List<String>> labels, String from, String to, String label) {
    labels.computeIfAbsent(from + "\u0000" + to, k -> new ArrayList<>()).add(label);
  }

  static String name(Target target) {
    if (target instanceof Target.Step s) return s.id();
    return target instanceof Target.Passed ? PASSED : FAILED;
  }

  /** What a step does, in one short line: "alice: send_message · bob: wait_for_message". */
  static String detail(Step step) {
    if (step instanceof Step.Actions actions) {
      return actions.actions().entrySet().stream()
          .map(e -> e.getKey() + ": " + e.getValue().action()).collect(Collectors.joining(" · "));
    }
    if (step instanceof Step.Wait wait) return "wait " + Durations.format(wait.duration());
    Step.Check check = (Step.Check) step;
    return (check.soft() ? "soft check " : "check ") + check.value() + " " + check.operator().word + " "
        + dev.trafficlight.core.Json.text(check.expected());
  }
}
