package dev.trafficlight.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trafficlight.core.scenario.CaseDefinition;
import dev.trafficlight.core.scenario.Role;
import dev.trafficlight.core.scenario.Scenario;
import dev.trafficlight.core.scenario.VersionRange;
import java.util.List;
import org.junit.jupiter.api.Test;

class MatchingTest {

  @Test
  void a_scenario_expands_into_the_cartesian_product_of_its_role_types() {
    Scenario s = ScenarioReaderTest.yaml("""
        name: verify_crosssign
        roles:
          a: [element-web, element-android]
          b: [element-web, element-android, element-ios]
          proxy:
        steps: [{do: {a: x}}]
        """);
    List<String> ids = CaseDefinition.expand(s).stream().map(CaseDefinition::id).toList();
    assertEquals(6, ids.size());
    assertEquals("verify_crosssign[element-web, element-web, any]", ids.get(0));
    assertTrue(ids.contains("verify_crosssign[element-android, element-ios, any]"));
  }

  @Test
  void requirements_match_equality_alternatives_and_versions() {
    Scenario s = ScenarioReaderTest.yaml("""
        roles:
          a: {type: element-web, version: ">=1.11.2 <2", flavour: [nightly, beta], debug: true}
        steps: [{do: {a: x}}]
        """);
    Role.Cast cast = CaseDefinition.expand(s).get(0).cast("a");
    assertTrue(cast.accepts(Json.parse("{\"type\":\"element-web\",\"version\":\"1.11.10\",\"flavour\":\"beta\",\"debug\":true}")));
    assertFalse(cast.accepts(Json.parse("{\"type\":\"element-web\",\"version\":\"1.9.0\",\"flavour\":\"beta\",\"debug\":true}")));
    assertFalse(cast.accepts(Json.parse("{\"type\":\"element-web\",\"version\":\"2.0\",\"flavour\":\"beta\",\"debug\":true}")));
    assertFalse(cast.accepts(Json.parse("{\"type\":\"element-web\",\"version\":\"1.12\",\"flavour\":\"stable\",\"debug\":true}")));
    assertFalse(cast.accepts(Json.parse("{\"type\":\"hydrogen-web\",\"version\":\"1.12\",\"flavour\":\"beta\",\"debug\":true}")));
    assertFalse(cast.accepts(Json.parse("{\"type\":\"element-web\",\"flavour\":\"beta\",\"debug\":true}")));
  }

  @Test
  void versions_compare_part_by_part_and_unknown_versions_satisfy_no_constraint() {
    assertTrue(VersionRange.parse(">=1.10").matches("1.11.0"));
    assertTrue(VersionRange.parse(">1.9").matches("v1.10"));
    assertTrue(VersionRange.parse("=1.2").matches("1.2.0"));
    assertTrue(VersionRange.parse("!=1.2").matches("1.3"));
    assertFalse(VersionRange.parse(">=1.10").matches("1.9.9"));
    assertFalse(VersionRange.parse(">=0").matches("UNKNOWN"));
  }
}
