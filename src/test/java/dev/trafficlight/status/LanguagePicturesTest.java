package dev.trafficlight.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trafficlight.core.scenario.Scenario;
import dev.trafficlight.core.scenario.ScenarioReader;
import dev.trafficlight.core.view.CaseView;
import org.junit.jupiter.api.Test;

/** The pictures draw loops once with their round edge, soft checks, coordinator calls, strict steps and skipped steps. */
class LanguagePicturesTest {
  private static final Scenario SCENARIO = ScenarioReader.parse("""
      name: drawn
      roles: {alice: [element-web, element-android], bob: element-web}
      servers: [hs]
      steps:
        - name: helper
          call: register_user
          with: {username: helper, password: pw}
          as: helper
        - name: web_only
          when: {alice: element-web}
          answers: strict
          do: {alice: {action: register, expect: registered}}
        - name: rounds
          repeat: 9
          steps:
            - name: join
              do: {alice: join_call}
            - name: quick
              check: "${alice.took_ms}"
              matches: "^\\\\d{1,3}$"
              soft: true
            - name: leave
              do: {alice: leave_call}
      """, "drawn.yaml", "drawn", false);

  @Test
  void dot_folds_a_loop_into_its_steps_with_one_edge_back_labelled_with_the_loop() {
    String dot = StateMachineGraph.dot(SCENARIO);
    assertEquals(1, count(dot, "\n  \"join\" [label="), "a step of a loop is drawn once, not once per round");
    assertTrue(dot.contains("\"leave\" -> \"join\" [label=\"repeat 9×\"];"), dot);
    assertTrue(dot.contains("\"leave\" -> \"passed\";"), "after the last round the case goes on");
    assertTrue(dot.contains("\"quick\" -> \"leave\" [label=\"holds / fails: warning\"];"), "a soft check goes on either way");
    assertTrue(dot.contains("\"quick\" [label=\"quick\\nsoft check ${alice.took_ms} matches ^\\\\d{1,3}$\", style=\"rounded,dashed\"];"), dot);
    assertTrue(dot.contains("\"helper\" [label=\"helper\\ncoordinator: register_user\", shape=component];"), dot);
    assertTrue(dot.contains("\"helper\" -> \"failed\" [label=\"call failed\"];"), dot);
    assertTrue(dot.contains("\"web_only\" -> \"failed\" [label=\"unexpected answer\"];"), dot);
    assertTrue(dot.contains("\"web_only\" -> \"join\" [label=\"unless alice is element-web\"];"), dot);
  }

  @Test
  void the_svg_draws_each_written_step_once_and_marks_a_round_by_its_step() {
    String svg = StateMachineSvg.render(SCENARIO, null);
    assertEquals(7, count(svg, "<g class=\"node"), "five steps, passed and failed");
    assertTrue(svg.contains("class=\"kind-call\""));
    assertTrue(svg.contains("class=\"kind-soft-check\""));
    assertTrue(svg.contains(">repeat 9×</text>"), svg);
    CaseView inRoundThree = new CaseView("drawn[element-web, element-web]", "drawn", dev.trafficlight.core.view.CaseState.RUNNING,
        null, java.util.Map.of(), java.util.Map.of(), java.util.Map.of(), "leave#3", java.util.List.of("helper", "join#1", "leave#3"),
        null, null, null, java.util.List.of(), java.util.List.of(), java.util.List.of(), null, java.util.List.of());
    String marked = StateMachineSvg.render(SCENARIO, inRoundThree);
    assertTrue(marked.contains("<g class=\"node visited current\" data-step=\"leave\">"), marked);
    assertTrue(marked.contains("<g class=\"node visited\" data-step=\"join\">"));
    assertTrue(StateMachineGraph.mermaid(SCENARIO).contains("s4 --> s2 : repeat 9×"), StateMachineGraph.mermaid(SCENARIO));
  }

  private static int count(String text, String part) {
    return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
  }
}
