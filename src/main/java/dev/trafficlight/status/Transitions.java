package dev.trafficlight.status;

import dev.trafficlight.core.Durations;
import dev.trafficlight.core.Json;
import dev.trafficlight.core.scenario.Scenario;
import dev.trafficlight.core.scenario.StateMachine;
import dev.trafficlight.core.scenario.Step;
import dev.trafficlight.core.scenario.Target;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A scenario's state machine as nodes and labelled edges, the one model every picture draws. A
 * loop's rounds are folded back into the steps as written: each step is one node, and the edge
 * into the next round is labelled with the loop ("repeat 9×").
 */
final class Transitions {
  static final String PASSED = Target.PASSED;
  static final String FAILED = Target.FAILED;

  /** An edge; edges between the same two nodes are merged, their labels joined. */
  record Edge(String from, String to, String label) {}

  /**
   * A node: a step, or one of the two outcomes.
   *
   * @param kind {@code do}, {@code wait}, {@code check}, {@code soft-check}, {@code call}, or {@code outcome}
   */
  record Node(String id, String detail, boolean terminal, String kind) {}

  final List<Node> nodes;
  final List<Edge> edges;
  /** The node a case's first step is drawn as. */
  final String initial;

  private Transitions(List<Node> nodes, List<Edge> edges, String initial) {
    this.nodes = nodes;
    this.edges = edges;
    this.initial = initial;
  }

  /** Draws the scenario's compiled machine: one edge per transition, labelled by what triggers it. */
  static Transitions of(Scenario scenario) {
    List<StateMachine.State> states = scenario.machine().states();
    Map<String, String> origin = new HashMap<>();
    Map<String, Node> nodes = new LinkedHashMap<>();
    for (StateMachine.State state : states) {
      Step written = state.written();
      origin.put(state.id(), written.id());
      nodes.putIfAbsent(written.id(), new Node(written.id(), detail(written), false, kind(written)));
    }
    Map<String, Set<String>> labels = new LinkedHashMap<>();
    for (StateMachine.State state : states) {
      boolean branches = state.transitions().stream().anyMatch(t -> t.trigger() instanceof StateMachine.Trigger.Answered);
      for (StateMachine.Transition t : state.transitions()) {
        String to = t.target() instanceof Target.Step s ? origin.getOrDefault(s.id(), s.id()) : name(t.target());
        String label = t.round() != null ? t.round() : label(t.trigger(), branches, state.step());
        labels.computeIfAbsent(origin.get(state.id()) + "\u0000" + to, k -> new LinkedHashSet<>()).add(label);
      }
    }
    List<Edge> edges = new ArrayList<>();
    labels.forEach((key, words) -> {
      String[] ends = key.split("\u0000", 2);
      edges.add(new Edge(ends[0], ends[1], words.stream().filter(w -> !w.isEmpty()).collect(Collectors.joining(" / "))));
    });
    List<Node> all = new ArrayList<>(nodes.values());
    all.add(new Node(PASSED, "", true, "outcome"));
    if (edges.stream().anyMatch(e -> e.to().equals(FAILED))) all.add(new Node(FAILED, "", true, "outcome"));
    String initial = states.isEmpty() ? null : states.get(0).written().id();
    return new Transitions(List.copyOf(all), List.copyOf(edges), initial);
  }

  private static String label(StateMachine.Trigger trigger, boolean branches, Step step) {
    if (trigger instanceof StateMachine.Trigger.Answered a) return a.role() + ": " + a.word();
    if (trigger instanceof StateMachine.Trigger.Otherwise) return branches ? "otherwise" : "";
    if (trigger instanceof StateMachine.Trigger.Unexpected) return "unexpected answer";
    if (trigger instanceof StateMachine.Trigger.After after) return "after " + Durations.format(after.duration());
    if (trigger instanceof StateMachine.Trigger.Returned) return "";
    if (trigger instanceof StateMachine.Trigger.CallFailed) return "call failed";
    if (trigger instanceof StateMachine.Trigger.Skipped s) {
      return "unless " + s.when().entrySet().stream().map(e -> e.getKey() + " is " + String.join(" or ", e.getValue()))
          .collect(Collectors.joining(" and "));
    }
    if (trigger instanceof StateMachine.Trigger.Holds) return "holds";
    return step instanceof Step.Check c && c.soft() ? "fails: warning" : "fails";
  }

  static String name(Target target) {
    if (target instanceof Target.Step s) return s.id();
    return target instanceof Target.Passed ? PASSED : FAILED;
  }

  private static String kind(Step step) {
    if (step instanceof Step.Actions) return "do";
    if (step instanceof Step.Wait) return "wait";
    if (step instanceof Step.Call) return "call";
    return step instanceof Step.Check c && c.soft() ? "soft-check" : "check";
  }

  /** What a step does, in one short line: "alice: send_message · bob: wait_for_message". */
  static String detail(Step step) {
    if (step instanceof Step.Actions actions) {
      return actions.actions().entrySet().stream()
          .map(e -> e.getKey() + ": " + e.getValue().action()).collect(Collectors.joining(" · "));
    }
    if (step instanceof Step.Wait wait) return "wait " + Durations.format(wait.duration());
    if (step instanceof Step.Call call) {
      return "coordinator: " + call.call() + (call.server() == null ? "" : " on " + call.server());
    }
    if (step instanceof Step.Loop loop) {
      return (loop.times() != null ? "repeat " + loop.times() + "×" : "for each of " + loop.items()) + ": "
          + loop.body().stream().map(Step::id).collect(Collectors.joining(", "));
    }
    Step.Check check = (Step.Check) step;
    return (check.soft() ? "soft check " : "check ") + check.value() + " " + check.operator().word + " "
        + Json.text(check.expected());
  }
}
