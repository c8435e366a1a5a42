package dev.trafficlight.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.trafficlight.core.scenario.Scenario;
import dev.trafficlight.core.view.CaseState;
import org.junit.jupiter.api.Test;

/** A step keeps an answer's value under a name, so a later answer with the same field does not overwrite it. */
class SaveTest {
  @Test
  void a_saved_value_outlives_the_next_answer_of_the_same_role() {
    EngineFixture f = new EngineFixture();
    f.coordinator.add(ScenarioReaderTest.yaml("""
        name: keep
        roles: {alice: element-call, bob: element-call}
        steps:
          - name: first_call
            do: {alice: create_call}
            save: {invite_url: "${trim_suffix(alice.url, '&')}", first: "${alice}"}
          - name: second_call
            do: {alice: create_call}
          - do:
              bob: {action: join_call, data: {url: "${invite_url}", latest: "${alice.url}", word: "${first.response}"}}
        """));
    f.register("a", "element-call");
    f.register("b", "element-call");
    f.answer("a", "{\"response\": \"created\", \"url\": \"https://call/one?x&\"}");
    f.answer("a", "{\"response\": \"created\", \"url\": \"https://call/two\"}");
    assertEquals("{\"url\":\"https://call/one?x\",\"latest\":\"https://call/two\",\"word\":\"created\"}", f.data("b").toString());
  }

  @Test
  void a_value_that_cannot_be_had_ends_the_case_naming_the_step_and_name() {
    EngineFixture f = new EngineFixture();
    f.coordinator.add(ScenarioReaderTest.yaml("""
        name: missing
        roles: {alice: element-call}
        steps:
          - {name: make, do: {alice: create_call}, save: {invite_url: "${alice.url}"}}
          - do: {alice: {action: share, data: {url: "${invite_url}"}}}
        """));
    f.register("a", "element-call");
    f.done("a");
    assertEquals(CaseState.ERROR, f.only().state());
    assertEquals("step 'make': cannot save 'invite_url': undefined variable ${alice.url}", f.only().reason());
  }

  @Test
  void the_builder_says_the_same() {
    Scenario s = Scenario.builder("b").role("alice", "element-call").step("make", "alice", "create_call", null)
        .save("invite_url", "${alice.url}").step("use", "alice", "share", Json.object().put("url", "${invite_url}")).build();
    assertEquals("\"${alice.url}\"", s.steps().get(0).options().save().get("invite_url").toString());
  }

  @Test
  void a_saved_name_must_be_free_and_is_known_only_below_the_step_that_saves_it() {
    assertEquals("test.yaml:3: saved value 'alice' clashes with a role, server or variable of that name",
        ScenarioReaderTest.problem("roles: {alice: x}\nsteps:\n  - {do: {alice: a}, save: {alice: \"${alice.url}\"}}\n").getMessage());
    assertEquals("test.yaml:3: undefined variable ${url}: it names no variable defined above, server, role, or case.[id, "
        + "scenario, token]", ScenarioReaderTest.problem(
        "roles: {alice: x}\nsteps:\n  - {do: {alice: {action: a, data: {u: \"${url}\"}}}}\n  - {do: {alice: b}, save: {url: x}}\n")
        .getMessage());
  }
}
