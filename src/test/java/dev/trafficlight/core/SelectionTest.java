package dev.trafficlight.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.trafficlight.core.scenario.CaseDefinition;
import dev.trafficlight.core.scenario.Scenario;
import dev.trafficlight.core.scenario.Selection;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A run may replace or narrow a scenario's types and pick cases by id; every mistake is named. */
class SelectionTest {
  private final Scenario chat = ScenarioReaderTest.yaml("""
      name: chat
      roles: {alice: [element-web, hydrogen-web, element-android], bob: element-web}
      servers: {hs: [synapse, dendrite]}
      steps: [{do: {alice: reload}}]
      """);
  private final Scenario mobile = ScenarioReaderTest.yaml("""
      name: mobile
      roles: {phone: [element-android, element-ios]}
      steps: [{do: {phone: reload}}]
      """);

  private static List<String> ids(List<Scenario> scenarios, Selection selection) {
    return scenarios.stream().flatMap(s -> CaseDefinition.expand(s).stream()).map(CaseDefinition::id)
        .filter(selection::includes).toList();
  }

  private static Selection types(String... values) {
    return Selection.parse(List.of(values), List.of());
  }

  @Test
  void a_named_role_or_server_gets_the_types_given() {
    Selection s = types("alice=element-ios", "hs=conduit");
    assertEquals(List.of("chat[element-ios, element-web | conduit]"), ids(s.apply(List.of(chat)), s));
  }

  @Test
  void bare_types_narrow_every_role_and_server_and_drop_scenarios_left_without_cases() {
    Selection s = types("element-web,hydrogen-web;dendrite");
    assertEquals(List.of("chat[element-web, element-web | dendrite]", "chat[hydrogen-web, element-web | dendrite]"),
        ids(s.apply(List.of(chat, mobile)), s), "mobile has no web type, so it does not run");
  }

  @Test
  void client_types_do_not_narrow_servers_and_a_role_left_with_no_type_drops_its_scenario() {
    Selection web = types("element-web");
    assertEquals(List.of("chat[element-web, element-web | synapse]", "chat[element-web, element-web | dendrite]"),
        ids(web.apply(List.of(chat, mobile)), web));
    Selection android = types("element-android");
    assertEquals(List.of("mobile[element-android]"), ids(android.apply(List.of(chat, mobile)), android),
        "bob plays only element-web, so chat cannot run with Android clients alone");
  }

  @Test
  void case_patterns_pick_cases_by_id_with_a_star_for_any_text() {
    Selection s = Selection.parse(List.of(), List.of("chat[hydrogen-web*dendrite];mobile[element-ios]"));
    assertEquals(List.of("chat[hydrogen-web, element-web | dendrite]", "mobile[element-ios]"),
        ids(s.apply(List.of(chat, mobile)), s));
  }

  @Test
  void the_coordinator_queues_only_the_chosen_cases() {
    EngineFixture f = new EngineFixture();
    Selection s = Selection.parse(List.of("bob=hydrogen-web"), List.of("chat[element-web*"));
    s.apply(List.of(chat)).forEach(scenario -> f.coordinator.add(scenario, s::includes));
    assertEquals(List.of("chat[element-web, hydrogen-web | synapse]", "chat[element-web, hydrogen-web | dendrite]"),
        f.coordinator.cases().stream().map(c -> c.id()).toList());
  }

  @Test
  void every_mistake_is_named() {
    assertEquals("--types names 'carol', which is no role or server of any scenario; they are [alice, bob, hs]",
        assertThrows(IllegalArgumentException.class, () -> types("carol=element-web").apply(List.of(chat))).getMessage());
    assertEquals("--types lists 'element-wbe', which no scenario uses; client types are [element-web, hydrogen-web, "
        + "element-android], server types [synapse, dendrite]",
        assertThrows(IllegalArgumentException.class, () -> types("element-wbe").apply(List.of(chat))).getMessage());
    assertEquals("--types and --cases leave no case to run", assertThrows(IllegalArgumentException.class,
        () -> Selection.parse(List.of(), List.of("nothing*")).apply(List.of(chat))).getMessage());
    assertEquals("--types 'alice=web,' has an empty type; write e.g. alice=element-web,hydrogen-web",
        assertThrows(IllegalArgumentException.class, () -> types("alice=web,")).getMessage());
    assertEquals("--types gives 'alice' twice", assertThrows(IllegalArgumentException.class,
        () -> types("alice=a", "alice=b")).getMessage());
    assertEquals("test.yaml: with --types the scenario expands into more than 1000 cases", assertThrows(IllegalArgumentException.class,
        () -> types("alice=" + String.join(",", java.util.Collections.nCopies(1001, "t").stream()
            .map(t -> t + Math.random()).toList())).apply(List.of(chat))).getMessage());
  }
}
