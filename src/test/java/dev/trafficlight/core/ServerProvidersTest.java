package dev.trafficlight.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trafficlight.core.engine.Services;
import dev.trafficlight.core.engine.Settings;
import dev.trafficlight.core.port.Instruction;
import dev.trafficlight.core.servers.FixedServers;
import dev.trafficlight.core.servers.MixedServers;
import dev.trafficlight.core.servers.ServerRequest;
import dev.trafficlight.core.view.CaseState;
import dev.trafficlight.core.view.CaseView;
import dev.trafficlight.core.view.TimelineEntry;
import dev.trafficlight.testing.FakeProvider;
import dev.trafficlight.testing.ManualExecutor;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Cases get their servers from a provider: preparing first, released on every outcome. */
class ServerProvidersTest {
  private final FakeProvider provider = new FakeProvider();
  private final ManualExecutor threads = new ManualExecutor();
  private final EngineFixture f = new EngineFixture(Settings.defaults(),
      new Services(provider, threads, Duration.ofSeconds(5)));

  private void oneServerScenario() {
    f.coordinator.add(ScenarioReaderTest.yaml("""
        name: made
        roles: {alice: element-web}
        servers: {hs: synapse}
        steps:
          - do: {alice: {action: register, data: {url: "${hs.cs_api}", name: "${hs.server_name}"}}}
          - do: {alice: send_message}
        """));
  }

  @Test
  void a_case_is_preparing_while_its_servers_are_made_then_runs_against_them() {
    oneServerScenario();
    f.register("a", "element-web");
    CaseView preparing = f.only();
    assertEquals(CaseState.PREPARING, preparing.state());
    assertEquals("a", preparing.members().get("alice").uuid(), "the client is cast before the servers exist");
    assertInstanceOf(Instruction.Idle.class, f.poll("a"), "nothing to do until the servers are ready");
    assertEquals(List.of(), provider.calls, "the provider is called off the engine's lock, not by register");

    assertEquals(1, threads.runAll());
    assertEquals(CaseState.RUNNING, f.only().state());
    ServerRequest request = provider.requests.get(0);
    assertEquals(List.of(new ServerRequest.Wanted("hs", "synapse")), request.servers());
    Instruction.Action register = f.action("a");
    assertEquals("http://made:9000", register.data().path("url").asText());
    assertEquals("hs." + request.token(), register.data().path("name").asText());
    assertTrue(f.only().timeline().stream().anyMatch(e -> e.kind() == TimelineEntry.Kind.SERVERS && "ready".equals(e.name())));
  }

  @Test
  void servers_are_given_back_when_a_case_passes() {
    oneServerScenario();
    f.register("a", "element-web");
    threads.runAll();
    f.done("a");
    f.done("a");
    assertEquals(CaseState.PASSED, f.only().state());
    threads.runAll();
    assertEquals(List.of("provide made[element-web | synapse]", "release made[element-web | synapse]"), provider.calls);
    assertTrue(f.only().timeline().stream().anyMatch(e -> e.kind() == TimelineEntry.Kind.SERVERS && "released".equals(e.name())));
  }

  @Test
  void servers_are_given_back_when_a_case_fails_or_breaks() {
    oneServerScenario();
    f.register("a", "element-web");
    threads.runAll();
    f.coordinator.fail("a", null, dev.trafficlight.testing.Answers.failure(Json.parse("{\"error\": {\"type\": \"action\"}}")));
    assertEquals(CaseState.FAILED, f.only().state());
    threads.runAll();
    assertEquals("release made[element-web | synapse]", provider.calls.get(1));

    EngineFixture g = new EngineFixture(Settings.defaults().withStepTimeout(Duration.ofSeconds(10)),
        new Services(provider, threads, Duration.ofSeconds(5)));
    g.coordinator.add(ScenarioReaderTest.yaml("name: slow\nroles: {alice: element-web}\nservers: {hs: synapse}\nsteps: [{do: {alice: x}}]\n"));
    g.register("b", "element-web");
    threads.runAll();
    g.advance(Duration.ofSeconds(11));
    assertEquals(CaseState.ERROR, g.only().state());
    threads.runAll();
    assertEquals(List.of("provide made[element-web | synapse]", "release made[element-web | synapse]",
        "provide slow[element-web | synapse]", "release slow[element-web | synapse]"), provider.calls);
  }

  @Test
  void a_provider_failure_ends_the_case_in_error_and_frees_its_clients_for_the_next_case() {
    oneServerScenario();
    f.coordinator.add(ScenarioReaderTest.yaml("name: plain\nroles: {alice: element-web}\nsteps: [{do: {alice: reload}}]\n"));
    provider.failWith = "homerunner answered 500: no such image";
    f.register("a", "element-web");
    threads.runAll();
    CaseView made = f.kase("made[element-web | synapse]");
    assertEquals(CaseState.ERROR, made.state());
    assertEquals("servers could not be prepared (fake provider): homerunner answered 500: no such image", made.reason());
    assertEquals("reload", f.action("a").name(), "the client was freed, not told to exit, and took the next case");
    assertEquals(CaseState.RUNNING, f.kase("plain[element-web]").state());
    threads.runAll();
    assertEquals(List.of("provide made[element-web | synapse]", "release made[element-web | synapse] (nothing)"), provider.calls,
        "a failed provide is still given back, so a half-made set is cleaned up");
  }

  @Test
  void servers_that_are_not_ready_in_time_end_the_case_and_are_given_back_when_they_come() {
    oneServerScenario();
    f.register("a", "element-web");
    f.advance(Duration.ofMinutes(10));
    CaseView kase = f.only();
    assertEquals(CaseState.ERROR, kase.state());
    assertEquals("servers could not be prepared (fake provider): not ready after 10m", kase.reason());
    assertInstanceOf(Instruction.Idle.class, f.poll("a"), "the client is idle again");
    threads.runAll();
    assertEquals(List.of("provide made[element-web | synapse]", "release made[element-web | synapse]"), provider.calls);
    assertEquals(CaseState.ERROR, f.only().state(), "late servers do not revive the case");
  }

  @Test
  void shutting_down_ends_running_cases_and_gives_their_servers_back() {
    oneServerScenario();
    f.register("a", "element-web");
    threads.runAll();
    f.coordinator.close();
    assertEquals(CaseState.ERROR, f.only().state());
    assertEquals("the coordinator shut down", f.only().reason());
    assertEquals(List.of("provide made[element-web | synapse]", "release made[element-web | synapse]"), provider.calls);
  }

  @Test
  void shutting_down_while_servers_are_being_made_gives_them_back_once_made() {
    oneServerScenario();
    f.register("a", "element-web");
    f.coordinator.close();
    assertEquals(List.of("provide made[element-web | synapse]", "release made[element-web | synapse]"), provider.calls);
    assertEquals(CaseState.ERROR, f.only().state());
  }

  @Test
  void server_types_expand_like_client_types() {
    f.coordinator.add(ScenarioReaderTest.yaml("""
        name: pair
        roles: {alice: [element-web, hydrogen-web]}
        servers: {alice_server: synapse, bob_server: [synapse, dendrite]}
        steps: [{do: {alice: reload}}]
        """));
    assertEquals(List.of("pair[element-web | synapse, synapse]", "pair[element-web | synapse, dendrite]",
        "pair[hydrogen-web | synapse, synapse]", "pair[hydrogen-web | synapse, dendrite]"),
        f.coordinator.cases().stream().map(CaseView::id).toList());
    f.register("a", "element-web");
    threads.runAll();
    assertEquals(List.of(new ServerRequest.Wanted("alice_server", "synapse"), new ServerRequest.Wanted("bob_server", "synapse")),
        provider.requests.get(0).servers(), "both servers of a case are asked for at once, so they can federate");
  }

  @Test
  void a_server_type_the_provider_cannot_make_is_refused_when_the_scenario_is_queued() {
    provider.refuse = "conduit";
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> f.coordinator.add(
        ScenarioReaderTest.yaml("name: c\nroles: {alice: element-web}\nservers: {hs: [synapse, conduit]}\nsteps: [{do: {alice: x}}]\n")));
    assertEquals("test.yaml: case c[element-web | conduit] needs server 'hs' of type conduit, but the fake makes no conduit",
        e.getMessage());
  }

  @Test
  void fixed_homeservers_stand_in_for_the_types_they_are_listed_with() {
    FixedServers fixed = new FixedServers(List.of(
        Json.object().put("server_name", "staging").put("cs_api", "https://staging").put("type", "synapse")));
    EngineFixture g = new EngineFixture(Settings.defaults(),
        new Services(new MixedServers(fixed, provider, "dendrite"), threads, Duration.ofSeconds(5)));
    g.coordinator.add(ScenarioReaderTest.yaml("""
        name: mixed
        roles: {alice: element-web}
        servers: {fixed_one: synapse, made_one: null}
        steps: [{do: {alice: {action: register, data: {a: "${fixed_one.cs_api}", b: "${made_one.cs_api}"}}}}]
        """));
    g.register("a", "element-web");
    assertEquals(CaseState.PREPARING, g.only().state());
    threads.runAll();
    Instruction.Action register = g.action("a");
    assertEquals("https://staging", register.data().path("a").asText());
    assertEquals("http://made:9000", register.data().path("b").asText());
    assertEquals(List.of(new ServerRequest.Wanted("made_one", "dendrite")), provider.requests.get(0).servers(),
        "only the server of a type with no fixed homeserver is made, as the default type");
  }

  @Test
  void a_fixed_list_that_names_no_types_serves_every_type_in_order() {
    EngineFixture g = new EngineFixture();
    g.coordinator.add(ScenarioReaderTest.yaml("""
        name: labels
        roles: {alice: element-web}
        servers: {one: synapse, two: dendrite}
        steps: [{do: {alice: {action: register, data: {a: "${one.cs_api}", b: "${two.cs_api}"}}}}]
        """));
    g.register("a", "element-web");
    assertEquals(CaseState.RUNNING, g.only().state());
    assertEquals("{\"a\":\"http://localhost:8008\",\"b\":\"http://localhost:8009\"}", g.data("a").toString());
  }

  @Test
  void fixed_homeservers_of_a_type_need_no_preparing() {
    EngineFixture g = new EngineFixture(Settings.defaults().withHomeservers(List.of(
        Json.object().put("server_name", "a").put("cs_api", "http://a").put("type", "dendrite"),
        Json.object().put("server_name", "b").put("cs_api", "http://b").put("type", "synapse"))));
    g.coordinator.add(ScenarioReaderTest.yaml("""
        name: typed
        roles: {alice: element-web}
        servers: {hs: synapse}
        steps: [{do: {alice: {action: register, data: {url: "${hs.cs_api}"}}}}]
        """));
    g.register("a", "element-web");
    assertEquals(CaseState.RUNNING, g.only().state());
    assertEquals("http://b", g.data("a").path("url").asText());
    assertNull(g.only().reason());
  }
}
