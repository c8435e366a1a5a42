package dev.trafficlight.status;

import dev.trafficlight.core.scenario.Scenario;
import java.util.HashMap;
import java.util.Map;

/** A scenario's state machine as text for Graphviz (DOT) or Mermaid. */
public final class StateMachineGraph {
  private static final String START = "__start";

  private StateMachineGraph() {}

  /** Graphviz DOT: steps are boxes, outcomes are circles, edges carry their conditions. */
  public static String dot(Scenario scenario) {
    Transitions machine = Transitions.of(scenario);
    StringBuilder s = new StringBuilder();
    s.append("digraph ").append(quote(scenario.name())).append(" {\n");
    s.append("  rankdir=TB;\n");
    s.append("  node [shape=box, style=rounded, fontname=\"Helvetica\"];\n");
    s.append("  edge [fontname=\"Helvetica\", fontsize=10];\n");
    s.append("  ").append(quote(START)).append(" [shape=point, width=0.15];\n");
    for (Transitions.Node node : machine.nodes) {
      s.append("  ").append(quote(node.id()));
      if (node.terminal()) {
        String colour = node.id().equals(Transitions.PASSED) ? "darkgreen" : "firebrick";
        s.append(" [shape=doublecircle, color=").append(colour).append(", fontcolor=").append(colour).append("]");
      } else {
        s.append(" [label=").append(quote(node.id() + "\n" + node.detail())).append(style(node.kind())).append("]");
      }
      s.append(";\n");
    }
    if (machine.initial != null) {
      s.append("  ").append(quote(START)).append(" -> ").append(quote(machine.initial)).append(";\n");
    }
    for (Transitions.Edge edge : machine.edges) {
      s.append("  ").append(quote(edge.from())).append(" -> ").append(quote(edge.to()));
      if (!edge.label().isEmpty()) s.append(" [label=").append(quote(edge.label())).append("]");
      s.append(";\n");
    }
    return s.append("}\n").toString();
  }

  /** A Mermaid {@code stateDiagram-v2}; the outcomes lead to the final state. */
  public static String mermaid(Scenario scenario) {
    Transitions machine = Transitions.of(scenario);
    Map<String, String> ids = new HashMap<>();
    StringBuilder s = new StringBuilder("stateDiagram-v2\n");
    int n = 0;
    for (Transitions.Node node : machine.nodes) {
      String id = node.terminal() ? node.id() : "s" + n++;
      ids.put(node.id(), id);
      String label = node.terminal() ? node.id() : node.id() + " — " + node.detail();
      s.append("  state \"").append(mermaidText(label)).append("\" as ").append(id).append('\n');
    }
    if (machine.initial != null) s.append("  [*] --> ").append(ids.get(machine.initial)).append('\n');
    for (Transitions.Edge edge : machine.edges) {
      s.append("  ").append(ids.get(edge.from())).append(" --> ").append(ids.get(edge.to()));
      if (!edge.label().isEmpty()) s.append(" : ").append(mermaidText(edge.label()));
      s.append('\n');
    }
    for (Transitions.Node node : machine.nodes) {
      if (node.terminal()) s.append("  ").append(node.id()).append(" --> [*]\n");
    }
    return s.toString();
  }

  /** The coordinator's own calls are drawn apart from the clients' steps, and soft checks as dashed. */
  private static String style(String kind) {
    return switch (kind) {
      case "call" -> ", shape=component";
      case "soft-check" -> ", style=\"rounded,dashed\"";
      default -> "";
    };
  }

  private static String quote(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
  }

  /** Mermaid reads ':' and quotes as syntax; its entity codes keep them as text. */
  private static String mermaidText(String text) {
    StringBuilder s = new StringBuilder();
    for (char c : text.toCharArray()) {
      switch (c) {
        case '"' -> s.append("#quot;");
        case ':' -> s.append("#58;");
        case ';' -> s.append("#59;");
        case '#' -> s.append("#35;");
        case '\n' -> s.append(' ');
        default -> s.append(c);
      }
    }
    return s.toString();
  }
}
