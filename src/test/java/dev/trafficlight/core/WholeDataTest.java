package dev.trafficlight.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.trafficlight.core.view.CaseState;
import org.junit.jupiter.api.Test;

/** An action's data may be one reference to a whole object: a variable, a saved value, an answer's field. */
class WholeDataTest {
  @Test
  void data_that_is_one_reference_takes_the_whole_object() {
    EngineFixture f = new EngineFixture();
    f.coordinator.add(ScenarioReaderTest.yaml("""
        name: whole
        roles: {alice: element-web, bob: element-web}
        servers: [hs]
        variables:
          login:
            username: "user_${case.token}"
            homeserver_url: {local: "${hs.cs_api}"}
        steps:
          - do: {alice: {action: register, data: "${login}"}}
          - do: {bob: {action: login, data: "${login}"}}
        """));
    f.register("a", "element-web");
    f.register("b", "element-web");
    String registered = f.data("a").toString();
    f.done("a");
    assertEquals(registered, f.data("b").toString());
    assertEquals("http://localhost:8008", f.data("b").path("homeserver_url").path("local").asText());
  }

  @Test
  void a_reference_that_is_not_an_object_ends_the_case_and_text_around_one_is_refused() {
    EngineFixture f = new EngineFixture();
    f.coordinator.add(ScenarioReaderTest.yaml("""
        name: notmap
        roles: {alice: element-web}
        variables: {login: "just text"}
        steps:
          - do: {alice: {action: register, data: "${login}"}}
        """));
    f.register("a", "element-web");
    assertEquals(CaseState.ERROR, f.only().state());
    assertEquals("step 'step-1': alice's data \"${login}\" is not a mapping but \"just text\"", f.only().reason());
    assertEquals("test.yaml:4: an action's 'data' is a mapping, or one ${...} that names one", ScenarioReaderTest.problem("""
        roles: {alice: element-web}
        variables: {login: {a: b}}
        steps:
          - do: {alice: {action: register, data: "login: ${login}"}}
        """).getMessage());
  }
}
