package dev.trafficlight.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trafficlight.core.view.CaseState;
import dev.trafficlight.core.view.CaseView;
import dev.trafficlight.core.view.TimelineEntry;
import dev.trafficlight.core.port.Artifact;
import dev.trafficlight.core.scenario.Scenario;
import dev.trafficlight.core.scenario.ScenarioReader;
import dev.trafficlight.server.ServerConfig;
import dev.trafficlight.testing.Adapter;
import dev.trafficlight.testing.RunningServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Whole scenarios over real sockets, driven by loops that behave like each family of existing
 * adapters: plain polls, JSON answers, empty form answers, answers carrying data, a proxy that
 * registers its endpoint, a client that reports an error, and uploads after exit.
 */
class AdapterFamiliesTest {
  private static final ServerConfig HOLD_SHORT = new ServerConfig(ServerConfig.defaults().engine(),
      HttpSettings.defaults().withDefaultHold(Duration.ofMillis(500)), null);

  /** How a loop answers an action: a JSON body, or null to send the Appium adapter's empty form. */
  interface Behaviour extends Function<JsonNode, String> {}

  /** An adapter's loop: register, poll plainly, answer, stop on exit (uploading a log if asked). */
  static CompletableFuture<String> loop(RunningServer server, String uuid, String registration, Behaviour behaviour, boolean uploadOnExit) {
    return CompletableFuture.supplyAsync(() -> {
      Adapter adapter = server.adapter(uuid);
      adapter.register(registration);
      for (int i = 0; i < 500; i++) {
        Adapter.Reply reply = adapter.poll();
        String action = reply.action();
        if (action.equals("exit")) {
          if (uploadOnExit) adapter.upload("upload", new String[] {"file", "logs/" + uuid + ".log", "log of " + uuid});
          return reply.body().path("data").path("reason").asText();
        }
        if (action.equals("idle")) continue;
        String answer = behaviour.apply(reply.body());
        if (answer == null) {
          adapter.respondEmptyForm();
        } else if (answer.startsWith("ERROR:")) {
          adapter.error("{\"error\": {\"type\": \"action\", \"details\": \"" + answer.substring(6) + "\", \"path\": \"/x\"}}");
        } else {
          adapter.respond(answer);
        }
      }
      throw new AssertionError(uuid + " never exited");
    });
  }

  static String word(JsonNode action) {
    return "{\"response\": \"" + (action.path("action").asText().equals("register") ? "registered" : "done") + "\"}";
  }

  private static Scenario example(String name) throws Exception {
    return ScenarioReader.read(Path.of("examples/scenarios", name + ".yaml"));
  }

  private static List<String> actions(CaseView kase, String role) {
    List<String> names = new ArrayList<>();
    kase.timeline().stream().filter(e -> e.kind() == TimelineEntry.Kind.ACTION && role.equals(e.role()))
        .forEach(e -> names.add(e.name()));
    return names;
  }

  @Test
  void element_web_and_an_appium_client_verify_crosssign_and_upload_after_exit() throws Exception {
    try (RunningServer server = new RunningServer(HOLD_SHORT, List.of(example("verify_crosssign")))) {
      var web = loop(server, "web", "{\"type\": \"element-web\", \"version\": \"UNKNOWN\"}", AdapterFamiliesTest::word, true);
      var android = loop(server, "android", "{\"type\": \"element-android\", \"version\": \"1.6.0\"}", a -> null, true);
      String reason = web.get(30, TimeUnit.SECONDS);
      android.get(30, TimeUnit.SECONDS);
      CaseView kase = server.server.coordinator().caseView("verify_crosssign[element-web, element-android]").orElseThrow();
      assertEquals(CaseState.PASSED, kase.state(), kase.reason());
      assertTrue(reason.contains("passed"), reason);
      awaitArtifacts(server, kase.id(), 2);
      List<String> names = server.server.coordinator().caseView(kase.id()).orElseThrow().artifacts().stream().map(Artifact::name).sorted().toList();
      assertEquals(List.of("android.log", "web.log"), names);
    }
  }

  @Test
  void a_network_proxy_registers_its_endpoint_and_the_client_is_routed_through_it() throws Exception {
    try (RunningServer server = new RunningServer(HOLD_SHORT, List.of(example("network_proxy")))) {
      var proxy = loop(server, "proxy", "{\"type\": \"network-proxy\", \"version\": \"0.1\", \"endpoint\": \"http://localhost:4040/\"}",
          a -> a.path("action").asText().equals("proxyTo") ? "{\"response\": \"proxyToSet\"}" : "{\"response\": \"done\"}", false);
      var hydrogen = loop(server, "hydrogen", "{\"type\": \"hydrogen-web\", \"version\": \"0.4\"}",
          a -> "{\"response\": \"done\", \"timeline\": [\"sent while /sync was down\"]}", false);
      proxy.get(30, TimeUnit.SECONDS);
      hydrogen.get(30, TimeUnit.SECONDS);
      CaseView kase = server.server.coordinator().caseView("network_proxy[network-proxy, hydrogen-web]").orElseThrow();
      assertEquals(CaseState.PASSED, kase.state(), kase.reason());
      JsonNode register = kase.timeline().stream()
          .filter(e -> e.kind() == TimelineEntry.Kind.ACTION && "register".equals(e.name())).findFirst().orElseThrow().data();
      assertEquals("http://localhost:4040/", register.path("homeserver_url").path("local").asText());
      assertEquals(List.of("proxyTo", "disableEndpoint", "waitUntilEndpointAccessed", "enableEndpoint",
          "waitUntilEndpointAccessed"), actions(kase, "proxy"));
    }
  }

  @Test
  void answers_carry_data_that_later_steps_use() throws Exception {
    Scenario scenario = ScenarioReader.parse("""
        name: captured
        roles: {alice: element-web, bob: hydrogen-web}
        steps:
          - do: {bob: register}
          - do: {alice: {action: invite_user, data: {userId: "${bob.user_id}"}}}
          - do: {bob: get_timeline}
          - check: "${bob.timeline}"
            contains: welcome
        """, "inline", "captured", false);
    try (RunningServer server = new RunningServer(HOLD_SHORT, List.of(scenario))) {
      var alice = loop(server, "alice", "{\"type\": \"element-web\"}", AdapterFamiliesTest::word, false);
      var bob = loop(server, "bob", "{\"type\": \"hydrogen-web\"}", a -> switch (a.path("action").asText()) {
        case "register" -> "{\"response\": \"registered\", \"user_id\": \"@bob:hs\"}";
        case "get_timeline" -> "{\"response\": \"got_timeline\", \"timeline\": [\"hi\", \"welcome\"]}";
        default -> "{\"response\": \"done\"}";
      }, false);
      alice.get(30, TimeUnit.SECONDS);
      bob.get(30, TimeUnit.SECONDS);
      CaseView kase = server.server.coordinator().cases().get(0);
      assertEquals(CaseState.PASSED, kase.state(), kase.reason());
      JsonNode invite = kase.timeline().stream()
          .filter(e -> e.kind() == TimelineEntry.Kind.ACTION && "invite_user".equals(e.name())).findFirst().orElseThrow().data();
      assertEquals("@bob:hs", invite.path("userId").asText());
    }
  }

  @Test
  void a_client_that_reports_an_error_fails_the_case_and_the_other_is_told_to_exit_at_once() throws Exception {
    try (RunningServer server = new RunningServer(HOLD_SHORT, List.of(example("history_visibility")))) {
      var alice = loop(server, "alice", "{\"type\": \"element-web\"}",
          a -> a.path("action").asText().equals("create_room") ? "ERROR:room creation failed" : word(a), false);
      var bob = loop(server, "bob", "{\"type\": \"hydrogen-web\"}", AdapterFamiliesTest::word, true);
      alice.get(30, TimeUnit.SECONDS);
      String bobReason = bob.get(30, TimeUnit.SECONDS);
      CaseView kase = server.server.coordinator().caseView("history_visibility[element-web, hydrogen-web]").orElseThrow();
      assertEquals(CaseState.FAILED, kase.state());
      assertTrue(kase.reason().contains("reported an action failure at step 'create_room': room creation failed"), kase.reason());
      assertTrue(bobReason.contains("failed"), bobReason);
      awaitArtifacts(server, kase.id(), 1);
    }
  }

  private static void awaitArtifacts(RunningServer server, String caseId, int count) throws InterruptedException {
    for (int i = 0; i < 100; i++) {
      if (server.server.coordinator().caseView(caseId).orElseThrow().artifacts().size() >= count) return;
      Thread.sleep(50);
    }
    throw new AssertionError("expected " + count + " artifacts in " + caseId);
  }
}
