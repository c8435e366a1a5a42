package dev.trafficlight.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.trafficlight.core.scenario.CaseDefinition;
import dev.trafficlight.core.scenario.Scenario;
import dev.trafficlight.core.scenario.ScenarioException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Servers may name types, which expand like client types; misuse is named with its line. */
class ScenarioServerTypesTest {

  @Test
  void servers_may_be_a_list_of_names_or_map_names_to_types() {
    Scenario s = ScenarioReaderTest.yaml("""
        roles: {alice: element-web}
        servers:
          one: synapse
          two: [synapse, dendrite]
          three:
        steps: [{do: {alice: reload}}]
        """);
    assertEquals(List.of("one", "two", "three"), s.servers());
    assertEquals(Map.of("one", List.of("synapse"), "two", List.of("synapse", "dendrite")), s.serverTypes());
    assertEquals(List.of("test[element-web | synapse, synapse]", "test[element-web | synapse, dendrite]"),
        CaseDefinition.expand(s).stream().map(CaseDefinition::id).toList());
  }

  @Test
  void the_builder_says_the_same() {
    Scenario s = Scenario.builder("b").role("alice", "element-web").server("hs", "synapse", "dendrite")
        .step("s", "alice", "reload", null).build();
    assertEquals(Map.of("hs", List.of("synapse", "dendrite")), s.serverTypes());
    assertEquals(2, CaseDefinition.expand(s).size());
  }

  @Test
  void a_type_listed_twice_is_named_with_its_line() {
    ScenarioException e = ScenarioReaderTest.problem("""
        roles: {alice: element-web}
        servers:
          hs: [synapse, synapse]
        steps: [{do: {alice: reload}}]
        """);
    assertEquals("test.yaml:3: server 'hs' lists a type twice", e.getMessage());
  }

  @Test
  void a_server_name_that_clashes_with_a_role_is_refused() {
    ScenarioException e = ScenarioReaderTest.problem("""
        roles: {alice: element-web}
        servers: {alice: synapse}
        steps: [{do: {alice: reload}}]
        """);
    assertEquals("test.yaml:2: server 'alice' clashes with another role, server or variable of that name", e.getMessage());
  }

  @Test
  void a_scenario_that_expands_into_too_many_cases_is_refused() {
    ScenarioException e = ScenarioReaderTest.problem("""
        roles:
          a: [t1, t2, t3, t4, t5, t6, t7, t8, t9, t10]
          b: [t1, t2, t3, t4, t5, t6, t7, t8, t9, t10]
        servers:
          hs: [s1, s2, s3, s4, s5, s6, s7, s8, s9, s10, s11]
        steps: [{do: {a: reload}}]
        """);
    assertEquals("test.yaml:4: the scenario expands into more than 1000 cases (role types × server types); list fewer types, "
        + "or narrow them with --types", e.getMessage());
  }
}
