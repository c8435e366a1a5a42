package dev.trafficlight.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trafficlight.core.port.Receipt;
import dev.trafficlight.core.scenario.Scenario;
import dev.trafficlight.core.scenario.ScenarioReader;
import dev.trafficlight.core.view.CaseState;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A client that lists the actions it can do is given only roles whose actions it lists. */
class DeclaredActionsTest {
  private final EngineFixture f = new EngineFixture();

  private static final Scenario CHAT = Scenario.builder("chat").role("alice", "element-web").role("bob", "element-web")
      .step("send", "alice", "send_message", Json.object().put("message", "hi"))
      .step("read", "bob", "verify_message_in_timeline", Json.object().put("message", "hi"))
      .build();

  /** Registers a client that lists these actions; with none given, one that lists no {@code actions} at all. */
  private Receipt register(String uuid, String type, String... actions) {
    ObjectNode registration = Json.object().put("type", type);
    if (actions.length > 0) List.of(actions).forEach(registration.withArray("actions")::add);
    return f.coordinator.register(uuid, registration, "test", i -> { });
  }

  @Test
  void a_client_lacking_one_of_a_roles_actions_is_never_given_that_role() {
    f.coordinator.add(CHAT);
    register("sender", "element-web", "send_message");
    register("reader", "element-web", "verify_message_in_timeline");
    assertEquals(CaseState.RUNNING, f.only().state());
    assertEquals("alice", f.only().members().entrySet().stream().filter(e -> e.getValue().uuid().equals("sender"))
        .findFirst().orElseThrow().getKey(), "the sender can only be alice, though it registered first");
    assertEquals("send_message", f.action("sender").name());
  }

  @Test
  void a_client_that_lists_no_actions_may_play_any_role_as_before() {
    f.coordinator.add(CHAT);
    register("a", "element-web");
    register("b", "element-web");
    assertEquals(CaseState.RUNNING, f.only().state());
  }

  @Test
  void a_waiting_case_says_which_action_its_idle_clients_lack() {
    f.coordinator.add(CHAT);
    register("b", "element-web", "send_message");
    assertEquals(CaseState.WAITING, f.only().state());
    String why = String.join("; ", f.only().waitingFor());
    assertTrue(why.contains("no client matched role bob (type=element-web): the idle client that meets it does not list action"
        + " verify_message_in_timeline"), why);
  }

  @Test
  void an_empty_list_means_the_client_can_do_nothing_a_step_asks() {
    f.coordinator.add(Scenario.builder("one").role("alice", "element-web").step("r", "alice", "reload", null).build());
    ObjectNode nothing = Json.object().put("type", "element-web");
    nothing.putArray("actions");
    f.coordinator.register("none", nothing, "test", i -> { });
    assertEquals(CaseState.WAITING, f.only().state());
    register("any", "element-web");
    assertEquals(CaseState.RUNNING, f.only().state());
  }

  @Test
  void an_action_in_a_step_for_another_type_is_not_required() {
    f.coordinator.add(ScenarioReader.parse("""
        name: mixed
        roles: {alice: [element-web, element-android]}
        steps:
          - do: {alice: reload}
          - when: {alice: element-android}
            do: {alice: clear_idb_storage}
        """, "mixed.yaml", "mixed", false));
    register("web", "element-web", "reload");
    register("android", "element-android", "reload");
    assertEquals(CaseState.RUNNING, f.kase("mixed[element-web]").state());
    assertEquals(CaseState.WAITING, f.kase("mixed[element-android]").state(), "the android case needs clear_idb_storage");
  }

  @Test
  void a_role_filled_in_by_a_loop_needs_the_loops_actions() {
    f.coordinator.add(ScenarioReader.parse("""
        name: loop
        roles: {alice: element-web, bob: element-web}
        steps:
          - for_each: [alice, bob]
            as: who
            steps:
              - do: {"${who}": reload}
        """, "loop.yaml", "loop", false));
    register("a", "element-web", "reload");
    register("b", "element-web", "send_message");
    assertEquals(CaseState.WAITING, f.only().state());
    register("c", "element-web", "reload");
    assertEquals(CaseState.RUNNING, f.only().state());
  }

  @Test
  void actions_that_are_not_a_list_of_names_are_refused_and_change_nothing() {
    for (String bad : List.of("\"send_message\"", "[1, 2]", "[\"\"]", "{\"send_message\": true}")) {
      ObjectNode registration = Json.object().put("type", "element-web");
      registration.set("actions", Json.parse(bad));
      Receipt receipt = f.coordinator.register("x", registration, "test", i -> { });
      assertEquals(Receipt.Status.INVALID, receipt.status(), bad);
      assertTrue(receipt.message().contains("'actions' lists"), receipt.message());
    }
    assertTrue(f.coordinator.clients().isEmpty());
  }
}
