package dev.trafficlight.core;

import dev.trafficlight.testing.Answers;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trafficlight.core.view.CaseState;
import dev.trafficlight.core.view.CaseView;
import dev.trafficlight.core.view.TimelineEntry;
import dev.trafficlight.core.scenario.CaseDefinition;
import dev.trafficlight.core.scenario.Scenario;
import dev.trafficlight.core.scenario.ScenarioReader;
import dev.trafficlight.testing.ScriptedClients;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The example scenarios load, expand, and pass end to end with well-behaved scripted clients. */
class ExampleScenariosTest {
  static final Path EXAMPLES = Path.of("examples/scenarios");
  /** The examples that need a lab: a real homeserver the coordinator calls, Element Call clients. */
  static final Path LAB = Path.of("examples/lab");

  static Scenario example(String name) throws Exception {
    Path file = EXAMPLES.resolve(name + ".yaml");
    return ScenarioReader.read(java.nio.file.Files.exists(file) ? file : LAB.resolve(name + ".yaml"));
  }

  @Test
  void every_example_loads_and_expands() throws Exception {
    Map<String, Integer> cases = java.util.stream.Stream.concat(ScenarioReader.readAll(EXAMPLES).stream(),
            ScenarioReader.readAll(LAB).stream())
        .collect(Collectors.toMap(Scenario::name, s -> CaseDefinition.expand(s).size()));
    assertEquals(Map.of("verify_crosssign", 4, "history_visibility", 4, "federation", 8, "network_proxy", 2,
        "call_rounds", 1, "helper_user", 2), cases);
  }

  /** Answers like a Matrix client adapter: {@code registered}, {@code done}... */
  static JsonNode matrixClient(String action, JsonNode data) {
    return Json.object().put("response", action.equals("register") ? "registered" : "done");
  }

  /** Answers like the network proxy: confirms its upstream with {@code proxyToSet}. */
  static JsonNode proxy(String action, JsonNode data) {
    return Json.object().put("response", action.equals("proxyTo") ? "proxyToSet" : "done");
  }

  private CaseView runOne(String scenario, List<String[]> clients) throws Exception {
    EngineFixture f = new EngineFixture();
    Scenario s = example(scenario);
    f.coordinator.add(s);
    ScriptedClients scripted = new ScriptedClients(f.coordinator);
    for (String[] c : clients) {
      scripted.add(c[0], c[1], c[1].equals("network-proxy") ? ExampleScenariosTest::proxy : ExampleScenariosTest::matrixClient);
    }
    scripted.runUntilExit();
    CaseView kase = f.coordinator.cases().stream().filter(c -> c.state() != CaseState.WAITING)
        .findFirst().orElseThrow(() -> new AssertionError("no case started"));
    assertEquals(CaseState.PASSED, kase.state(), kase.id() + ": " + kase.reason());
    assertEquals(clients.size(), scripted.exits().size(), "every client was told to exit");
    return kase;
  }

  private static List<String> actions(CaseView kase, String role) {
    return kase.timeline().stream()
        .filter(e -> e.kind() == TimelineEntry.Kind.ACTION && role.equals(e.role()))
        .map(TimelineEntry::name).toList();
  }

  private static JsonNode firstData(CaseView kase, String role, String action) {
    return kase.timeline().stream()
        .filter(e -> e.kind() == TimelineEntry.Kind.ACTION && role.equals(e.role()) && action.equals(e.name()))
        .findFirst().orElseThrow().data();
  }

  @Test
  void verify_crosssign_runs_two_devices_of_one_user() throws Exception {
    CaseView kase = runOne("verify_crosssign", List.of(new String[] {"d1", "element-web"}, new String[] {"d2", "element-web"}));
    assertEquals(List.of("register", "accept_crosssign", "verify_crosssign_emoji"), actions(kase, "device1"));
    assertEquals(List.of("login", "start_crosssign", "verify_crosssign_emoji"), actions(kase, "device2"));
    JsonNode register = firstData(kase, "device1", "register");
    assertEquals(register.path("username"), firstData(kase, "device2", "login").path("username"));
    assertEquals("http://localhost:8008", register.path("homeserver_url").path("local").asText());
    assertTrue(register.path("username").asText().matches("user_[a-z0-9]{8}"));
  }

  @Test
  void history_visibility_registers_both_in_parallel_and_checks_the_second_message() throws Exception {
    CaseView kase = runOne("history_visibility", List.of(new String[] {"a", "element-web"}, new String[] {"b", "element-web"}));
    assertEquals(List.of("register", "create_room", "change_room_history_visibility", "send_message",
        "invite_user", "send_message"), actions(kase, "alice"));
    assertEquals(List.of("register", "accept_invite", "verify_message_in_timeline"), actions(kase, "bob"));
    String bobName = firstData(kase, "bob", "register").path("username").asText();
    assertEquals("@" + bobName + ":localhost", firstData(kase, "alice", "invite_user").path("userId").asText());
  }

  @Test
  void federation_puts_alice_and_bob_on_two_homeservers() throws Exception {
    CaseView kase = runOne("federation", List.of(new String[] {"a", "hydrogen-web"}, new String[] {"b", "hydrogen-web"}));
    assertEquals("http://localhost:8008", firstData(kase, "alice", "register").path("homeserver_url").path("local").asText());
    assertEquals("http://localhost:8009", firstData(kase, "bob", "register").path("homeserver_url").path("local").asText());
    String bobName = firstData(kase, "bob", "register").path("username").asText();
    assertEquals("@" + bobName + ":localhost:8009", firstData(kase, "alice", "invite_user").path("userId").asText());
    assertEquals(List.of("register", "accept_invite", "verify_message_in_timeline", "send_message"),
        actions(kase, "bob"));
  }

  /** Answers like an Element Call adapter: the host's call has a url; call data lists who is in. */
  static JsonNode callClient(String action, JsonNode data) {
    return switch (action) {
      case "create_or_join" -> Json.object().put("response", "create_or_join").put("url", "https://call.example/room?x=" + data.path("round").asText("0") + "&");
      case "get_call_data" -> Json.object().put("response", "get_call_data").set("participants", Json.parse("[\"host\", \"red\", \"blue\"]"));
      default -> Json.object().put("response", "done");
    };
  }

  @Test
  void call_rounds_registers_everyone_then_runs_nine_rounds_on_the_saved_invite_link() throws Exception {
    EngineFixture f = new EngineFixture();
    f.coordinator.add(example("call_rounds"));
    ScriptedClients clients = new ScriptedClients(f.coordinator);
    clients.add("h", "element-call", ExampleScenariosTest::callClient).add("r", "element-call", ExampleScenariosTest::callClient)
        .add("b", "element-call", ExampleScenariosTest::callClient).runUntilExit();
    CaseView kase = f.only();
    assertEquals(CaseState.PASSED, kase.state(), kase.reason());
    assertEquals(List.of("register", "create_or_join"), actions(kase, "host").subList(0, 2));
    assertEquals(9, actions(kase, "red").stream().filter("create_or_join"::equals).count());
    assertEquals(3 + 1 + 9 * 4, kase.visitedSteps().size(), "three registrations, the creation, nine rounds of four steps");
    List<String> joinUrls = kase.timeline().stream().filter(e -> e.kind() == TimelineEntry.Kind.ACTION && "red".equals(e.role())
        && "create_or_join".equals(e.name())).map(e -> e.data().path("url").asText()).distinct().toList();
    assertEquals(List.of("https://call.example/room?x=0"), joinUrls, "every round joins the link saved after creation");
  }

  @Test
  void network_proxy_routes_the_client_through_the_proxy_endpoint() throws Exception {
    EngineFixture f = new EngineFixture();
    f.coordinator.add(example("network_proxy"));
    ScriptedClients scripted = new ScriptedClients(f.coordinator);
    f.coordinator.register("p", Json.object().put("type", "network-proxy").put("version", "0.1")
        .put("endpoint", "http://localhost:4040/"), "test", i -> { });
    scripted.add("c", "element-web", ExampleScenariosTest::matrixClient);
    // The proxy's answers, scripted by hand here since it registered with its own fields.
    ScriptedClients proxy = new ScriptedClients(f.coordinator);
    for (int i = 0; i < 20 && !f.coordinator.allEnded(); i++) {
      f.advance(Duration.ofSeconds(1)); // through the scenario's wait while /sync is down
      scripted.runUntilExit();
      dev.trafficlight.core.port.Instruction reply = f.poll("p");
      if (reply instanceof dev.trafficlight.core.port.Instruction.Action a) {
        f.coordinator.answer("p", a.id(), Answers.of(proxy(a.name(), a.data())));
      }
    }
    CaseView kase = f.kase("network_proxy[network-proxy, element-web]");
    assertEquals(CaseState.PASSED, kase.state(), kase.reason());
    assertEquals("http://localhost:4040/", firstData(kase, "client", "register").path("homeserver_url").path("local").asText());
    assertEquals(List.of("proxyTo", "disableEndpoint", "waitUntilEndpointAccessed", "enableEndpoint",
        "waitUntilEndpointAccessed"), actions(kase, "proxy"));
    assertEquals("/_matrix/client/r0/sync", firstData(kase, "proxy", "disableEndpoint").path("endpoint").asText());
  }
}
