package dev.trafficlight.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trafficlight.core.scenario.Scenario;
import dev.trafficlight.core.scenario.Step;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class StateMachineGraphTest {
  /** Branches, a jump back, a wait and a check: every kind of edge. */
  private static Scenario verification() {
    return Scenario.builder("verify")
        .role("alice", "element-web")
        .role("bob", "hydrogen")
        .step("start", s -> s.action("alice", "start_verification").action("bob", "accept_verification")
            .on("bob", "declined", "failed").on("bob", "busy", "pause"))
        .step("compare", s -> s.action("alice", "compare_emoji").action("bob", "compare_emoji").next("check"))
        .waitFor("pause", Duration.ofSeconds(5))
        .check("check", "${alice.verified}", Step.CheckOperator.EQUALS, "true")
        .build();
  }

  @Test
  void dot_draws_every_step_and_every_transition_with_its_condition() {
    String dot = StateMachineGraph.dot(verification());
    assertTrue(dot.startsWith("digraph \"verify\" {"), dot);
    assertTrue(dot.contains("\"__start\" -> \"start\";"));
    assertTrue(dot.contains("\"start\" -> \"failed\" [label=\"bob: declined\"];"), dot);
    assertTrue(dot.contains("\"start\" -> \"pause\" [label=\"bob: busy\"];"));
    assertTrue(dot.contains("\"start\" -> \"compare\" [label=\"otherwise\"];"));
    assertTrue(dot.contains("\"compare\" -> \"check\";"), "an explicit next");
    assertTrue(dot.contains("\"pause\" -> \"check\" [label=\"after 5s\"];"), dot);
    assertTrue(dot.contains("\"check\" -> \"passed\" [label=\"holds\"];"));
    assertTrue(dot.contains("\"check\" -> \"failed\" [label=\"fails\"];"));
    assertTrue(dot.contains("\"start\" [label=\"start\\nalice: start_verification · bob: accept_verification\"];"), dot);
    assertEquals(7, dot.lines().filter(l -> l.contains(" -> ") && !l.contains("__start")).count(), dot);
  }

  @Test
  void mermaid_is_a_state_diagram_with_entity_escaped_labels() {
    String mermaid = StateMachineGraph.mermaid(verification());
    assertTrue(mermaid.startsWith("stateDiagram-v2\n"));
    assertTrue(mermaid.contains("  [*] --> s0\n"));
    assertTrue(mermaid.contains("  s0 --> failed : bob#58; declined\n"), mermaid);
    assertTrue(mermaid.contains("  passed --> [*]\n"));
    assertTrue(mermaid.contains("state \"check — check ${alice.verified} equals true\" as s3"), mermaid);
  }

  @Test
  void the_svg_has_one_node_per_step_and_outcome_and_one_path_per_edge() {
    String svg = StateMachineSvg.render(verification(), null);
    assertEquals(6, count(svg, "<g class=\"node"), "four steps, passed and failed");
    assertEquals(8, count(svg, "<path class=\"edge\""), "seven transitions and the entry arrow");
    assertTrue(svg.contains("data-step=\"failed\""));
  }

  @Test
  void a_scenario_without_a_way_to_fail_draws_no_failed_node() {
    Scenario simple = Scenario.builder("simple").role("alice", "element-web")
        .step("one", "alice", "login", null).build();
    assertTrue(StateMachineGraph.dot(simple).contains("\"one\" -> \"passed\";"));
    assertEquals(2, count(StateMachineSvg.render(simple, null), "<g class=\"node"));
  }

  @Test
  void every_example_scenario_draws_with_a_node_per_step() throws Exception {
    java.util.List<Scenario> examples = dev.trafficlight.core.scenario.ScenarioReader.readAll(java.nio.file.Path.of("examples/scenarios"));
    assertTrue(examples.size() > 0, "the examples are there");
    for (Scenario example : examples) {
      String svg = StateMachineSvg.render(example, null);
      for (dev.trafficlight.core.scenario.StateMachine.State state : example.machine().states()) {
        String step = state.written().id();
        assertTrue(svg.contains("data-step=\"" + Html.esc(step) + "\""), example.name() + " draws " + step);
        assertTrue(StateMachineGraph.dot(example).contains("\"" + step + "\" ["), example.name());
      }
      assertTrue(StateMachineGraph.mermaid(example).contains("[*] --> s0"), example.name());
    }
  }

  private static int count(String text, String part) {
    return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
  }
}
