package dev.trafficlight.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trafficlight.core.scenario.ScenarioException;
import dev.trafficlight.core.scenario.ScenarioReader;
import dev.trafficlight.core.view.CaseState;
import dev.trafficlight.testing.Answers;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** What a scenario's author writes cannot hang, exhaust or silently mislead the coordinator. */
class ScenarioLimitsTest {

  private static ScenarioException refused(String yaml) {
    return assertThrows(ScenarioException.class, () -> ScenarioReader.parse(yaml, "s.yaml", "s", false));
  }

  @Test
  void a_pattern_that_backtracks_exponentially_elsewhere_is_answered_at_once() {
    EngineFixture f = new EngineFixture();
    f.coordinator.add(ScenarioReaderTest.yaml("""
        roles: {alice: element-web}
        steps:
          - do: {alice: get_timeline}
          - check: "${alice.text}"
            matches: "(.*a){12}$"
        """));
    f.register("a", "element-web");
    f.action("a");
    long start = System.nanoTime();
    f.coordinator.answer("a", null, Answers.of("{\"response\": \"got\", \"text\": \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaab\"}"));
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertEquals(CaseState.FAILED, f.only().state(), f.only().reason());
    assertTrue(millis < 2000, "a linear-time engine answers in well under a second, not 9 s: " + millis + " ms");
  }

  @Test
  void a_pattern_outside_re2_syntax_is_a_file_line_error() {
    ScenarioException e = refused("roles: {alice: element-web}\nsteps:\n  - check: \"x\"\n    matches: \"(a)\\\\1\"\n");
    assertTrue(e.getMessage().contains("s.yaml:3") || e.getMessage().contains("s.yaml:4"), e.getMessage());
    assertTrue(e.getMessage().contains("not a regular expression"), e.getMessage());
  }

  @Test
  void a_huge_duration_is_a_file_line_error_not_an_overflow() {
    ScenarioException e = refused("roles: {alice: element-web}\ntimeout: 9223372036854775807h\nsteps: [{do: {alice: reload}}]\n");
    assertTrue(e.getMessage().startsWith("s.yaml:2"), e.getMessage());
    assertTrue(e.getMessage().contains("longer than the longest duration, 720h"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Durations.parse("99999999999999999999999s"));
    assertEquals(Duration.ofHours(720), Durations.parse("720h"));
  }

  @Test
  void a_key_written_twice_is_a_file_line_error() {
    ScenarioException e = refused("roles: {alice: element-web}\nsteps:\n  - do: {alice: reload}\n    do: {alice: logout}\n");
    assertTrue(e.getMessage().startsWith("s.yaml:4"), e.getMessage());
    assertTrue(e.getMessage().contains("the key 'do' appears twice"), e.getMessage());
  }
}
