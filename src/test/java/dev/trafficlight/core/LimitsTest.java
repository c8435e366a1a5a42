package dev.trafficlight.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trafficlight.core.view.CaseState;
import dev.trafficlight.core.view.CaseView;
import dev.trafficlight.core.view.TimelineEntry;
import dev.trafficlight.testing.Answers;
import org.junit.jupiter.api.Test;

/** What a client sends cannot make a case grow without bound. */
class LimitsTest {

  @Test
  void a_huge_answer_is_kept_in_the_timeline_as_its_size_and_beginning_but_later_steps_still_read_it() {
    EngineFixture f = new EngineFixture();
    f.coordinator.add(ScenarioReaderTest.yaml("""
        roles: {alice: element-web}
        steps:
          - do: {alice: get_timeline}
          - do: {alice: {action: echo, data: {first: "${alice.blob}"}}}
        """));
    f.register("a", "element-web");
    f.action("a");
    String blob = "x".repeat(1_000_000);
    f.coordinator.answer("a", null, Answers.of(dev.trafficlight.core.Json.object().put("response", "got").put("blob", blob)));
    assertEquals(1_000_000, f.data("a").path("first").asText().length(), "variables keep the whole value");
    CaseView kase = f.only();
    JsonNode kept = kase.timeline().stream().filter(e -> e.kind() == TimelineEntry.Kind.ANSWER).findFirst().orElseThrow().data();
    assertTrue(kept.path("truncated").asBoolean(), kept.toString().substring(0, 100));
    assertTrue(kept.path("bytes").asInt() > 1_000_000);
    assertTrue(kept.toString().length() < 4096, "the timeline keeps a few KB, not a MB");
  }

  @Test
  void a_huge_failure_report_is_cut_to_the_limit() {
    EngineFixture f = new EngineFixture();
    f.coordinator.add(ScenarioReaderTest.yaml("roles: {alice: element-web}\nsteps: [{do: {alice: reload}}]\n"));
    f.register("a", "element-web");
    f.action("a");
    var report = dev.trafficlight.core.Json.object();
    report.putObject("error").put("type", "action").put("details", "trace\n".repeat(200_000));
    f.coordinator.fail("a", null, Answers.failure(report));
    CaseView kase = f.only();
    assertEquals(CaseState.FAILED, kase.state());
    assertTrue(kase.errorDetails().toString().length() < 4096);
    assertTrue(kase.timeline().stream().allMatch(e -> e.text() == null || e.text().length() < 70_000));
  }

  @Test
  void a_case_whose_timeline_passes_the_limit_ends_in_error() {
    EngineFixture f = new EngineFixture();
    f.coordinator.add(ScenarioReaderTest.yaml("""
        roles: {alice: element-web}
        steps:
          - name: again
            do: {alice: ping}
            next: again
        """));
    f.register("a", "element-web");
    for (int i = 0; i < 6000 && f.only().state() == CaseState.RUNNING; i++) {
      f.action("a");
      f.done("a");
    }
    CaseView kase = f.only();
    assertEquals(CaseState.ERROR, kase.state());
    assertTrue(kase.reason().contains("timeline reached 10000 entries"), kase.reason());
    assertTrue(kase.timeline().size() <= 10_001);
  }
}
