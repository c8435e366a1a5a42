package dev.trafficlight.status;

import dev.trafficlight.core.view.CaseState;
import dev.trafficlight.core.view.CaseView;
import dev.trafficlight.core.scenario.Scenario;
import dev.trafficlight.core.scenario.StateMachine;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Draws a scenario's state machine as inline SVG. Steps stand in one column in the order they are
 * written, so the usual path reads top to bottom; an edge to the very next node is a straight
 * line, every other edge (a branch, a jump, a loop back) takes its own lane to the right.
 */
final class StateMachineSvg {
  private static final int NODE_W = 250;
  private static final int MIN_NODE_H = 44;
  private static final int PORT_GAP = 18;
  private static final int GAP = 36;
  private static final int LEFT = 16;
  private static final int TOP = 34;
  private static final int LANE_GAP = 14;
  private static final double CHAR_W = 6.4;

  private record Port(Transitions.Edge edge, boolean out, int otherOrder) {}

  private StateMachineSvg() {}

  /** The picture; with a case, its visited steps, current step and outcome are marked. */
  static String render(Scenario scenario, CaseView kase) {
    Transitions machine = Transitions.of(scenario);
    List<Transitions.Node> nodes = machine.nodes;
    Map<String, Integer> order = new HashMap<>();
    for (int i = 0; i < nodes.size(); i++) order.put(nodes.get(i).id(), i);

    List<Transitions.Edge> straight = new ArrayList<>();
    List<Transitions.Edge> routed = new ArrayList<>();
    for (Transitions.Edge e : machine.edges) {
      (order.get(e.to()) == order.get(e.from()) + 1 ? straight : routed).add(e);
    }
    routed.sort(Comparator.comparingInt(e -> Math.abs(order.get(e.to()) - order.get(e.from()))));

    Map<String, List<Port>> ports = new HashMap<>();
    for (Transitions.Edge e : routed) {
      ports.computeIfAbsent(e.from(), k -> new ArrayList<>()).add(new Port(e, true, order.get(e.to())));
      ports.computeIfAbsent(e.to(), k -> new ArrayList<>()).add(new Port(e, false, order.get(e.from())));
    }
    ports.values().forEach(list -> list.sort(Comparator.comparingInt(Port::otherOrder)));

    int[] top = new int[nodes.size()];
    int[] height = new int[nodes.size()];
    int y = TOP;
    for (int i = 0; i < nodes.size(); i++) {
      int count = ports.getOrDefault(nodes.get(i).id(), List.of()).size();
      height[i] = Math.max(MIN_NODE_H, count * PORT_GAP + 8);
      top[i] = y;
      y += height[i] + GAP;
    }
    int labelWidth = 0;
    for (Transitions.Edge e : routed) labelWidth = Math.max(labelWidth, (int) (e.label().length() * CHAR_W));
    int right = LEFT + NODE_W;
    int laneStart = right + labelWidth + 22;
    int width = laneStart + routed.size() * LANE_GAP + 16;
    int cx = LEFT + NODE_W / 2;

    StringBuilder s = new StringBuilder();
    s.append(String.format(Locale.ROOT, "<svg class=\"machine\" xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
        + "viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"state machine of %s\">", width, y, width, y, Html.esc(scenario.name())));
    s.append("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" "
        + "orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" class=\"arrowhead\"/></marker></defs>");
    if (!nodes.isEmpty()) {
      s.append(String.format(Locale.ROOT, "<circle class=\"start\" cx=\"%d\" cy=\"10\" r=\"6\"/>", cx));
      line(s, cx, 16, cx, top[0] - 2, "");
    }
    for (Transitions.Edge e : straight) {
      int from = order.get(e.from());
      line(s, cx, top[from] + height[from], cx, top[from + 1] - 2, e.label());
    }
    for (int lane = 0; lane < routed.size(); lane++) {
      Transitions.Edge e = routed.get(lane);
      int from = order.get(e.from());
      int to = order.get(e.to());
      int y1 = portY(ports.get(e.from()), e, true, top[from]);
      int y2 = portY(ports.get(e.to()), e, false, top[to]);
      int x = laneStart + lane * LANE_GAP;
      s.append(String.format(Locale.ROOT, "<path class=\"edge\" d=\"M%d,%d H%d V%d H%d\" marker-end=\"url(#arrow)\"/>",
          right, y1, x, y2, right + 2));
      if (!e.label().isEmpty()) {
        s.append(String.format(Locale.ROOT, "<text class=\"edge-label\" x=\"%d\" y=\"%d\">%s</text>", right + 6, y1 - 5,
            Html.esc(e.label())));
      }
    }
    for (int i = 0; i < nodes.size(); i++) {
      node(s, nodes.get(i), LEFT, top[i], height[i], kase);
    }
    return s.append("</svg>").toString();
  }

  private static int portY(List<Port> list, Transitions.Edge edge, boolean out, int nodeTop) {
    for (int i = 0; i < list.size(); i++) {
      if (list.get(i).edge() == edge && list.get(i).out() == out) return nodeTop + 13 + i * PORT_GAP;
    }
    throw new IllegalStateException("no port for " + edge);
  }

  private static void line(StringBuilder s, int x, int y1, int x2, int y2, String label) {
    s.append(String.format(Locale.ROOT, "<path class=\"edge\" d=\"M%d,%d V%d\" marker-end=\"url(#arrow)\"/>", x, y1, y2));
    if (!label.isEmpty()) {
      s.append(String.format(Locale.ROOT, "<text class=\"edge-label\" x=\"%d\" y=\"%d\">%s</text>", x + 8, (y1 + y2) / 2 + 4,
          Html.esc(label)));
    }
  }

  private static void node(StringBuilder s, Transitions.Node node, int x, int top, int h, CaseView kase) {
    String classes = "node" + (node.terminal() ? " terminal terminal-" + node.id() : "") + marks(node, kase);
    s.append("<g class=\"").append(classes).append("\" data-step=\"").append(Html.esc(node.id())).append("\">");
    s.append("<title>").append(Html.esc(node.id() + (node.detail().isEmpty() ? "" : ": " + node.detail()))).append("</title>");
    s.append(String.format(Locale.ROOT, "<rect class=\"kind-%s\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" rx=\"%d\"/>",
        node.kind(), x, top, NODE_W, h, node.terminal() ? h / 2 : 8));
    int mid = top + h / 2;
    if (node.detail().isEmpty()) {
      s.append(String.format(Locale.ROOT, "<text class=\"node-id\" x=\"%d\" y=\"%d\">%s</text>", x + NODE_W / 2, mid + 5,
          Html.esc(node.id())));
    } else {
      s.append(String.format(Locale.ROOT, "<text class=\"node-id\" x=\"%d\" y=\"%d\">%s</text>", x + NODE_W / 2, mid - 3,
          Html.esc(Html.cut(node.id(), 28))));
      s.append(String.format(Locale.ROOT, "<text class=\"node-detail\" x=\"%d\" y=\"%d\">%s</text>", x + NODE_W / 2, mid + 12,
          Html.esc(Html.cut(node.detail(), 34))));
    }
    s.append("</g>");
  }

  /** visited / current / reached, as CSS classes. */
  static String marks(Transitions.Node node, CaseView kase) {
    if (kase == null) return "";
    StringBuilder s = new StringBuilder();
    if (node.terminal()) {
      boolean reached = node.id().equals(Transitions.PASSED) ? kase.state() == CaseState.PASSED
          : kase.state() == CaseState.FAILED;
      if (reached) s.append(" reached");
      return s.toString();
    }
    // A loop's rounds run as states named step#round; the picture draws the step once.
    if (kase.visitedSteps().stream().anyMatch(v -> StateMachine.origin(v).equals(node.id()))) s.append(" visited");
    if (kase.currentStep() != null && node.id().equals(StateMachine.origin(kase.currentStep()))) {
      s.append(kase.state() == CaseState.RUNNING ? " current" : " ended-" + kase.state().word());
    }
    return s.toString();
  }
}
