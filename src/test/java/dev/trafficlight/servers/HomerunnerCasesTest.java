package dev.trafficlight.servers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trafficlight.core.Json;
import dev.trafficlight.core.engine.Coordinator;
import dev.trafficlight.core.engine.Services;
import dev.trafficlight.core.engine.Settings;
import dev.trafficlight.core.port.Instruction;
import dev.trafficlight.core.scenario.ScenarioReader;
import dev.trafficlight.core.view.CaseState;
import dev.trafficlight.core.view.CaseView;
import dev.trafficlight.testing.Answers;
import dev.trafficlight.testing.Conditions;
import dev.trafficlight.testing.ManualClock;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Cases against a fake homerunner: every case's blueprint is destroyed, whatever becomes of the case. */
class HomerunnerCasesTest {
  private static final Duration SOON = Duration.ofSeconds(10);
  private final MockWebServer homerunner = new MockWebServer();
  /** "create NAME" and "destroy NAME", in the order homerunner heard them. */
  private final List<String> heard = new CopyOnWriteArrayList<>();
  private volatile MockResponse createReply = new MockResponse().setBody(HomerunnerProviderTest.CREATED
      .replace("\"hs2\"", "\"unused\""));
  private final CountDownLatch createHangs = new CountDownLatch(1);
  private volatile boolean hang;
  private final ManualClock clock = new ManualClock();
  private Coordinator coordinator;

  HomerunnerCasesTest() throws IOException {
    homerunner.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
        JsonNode body = Json.parse(request.getBody().readUtf8());
        if (request.getPath().equals("/create")) {
          heard.add("create " + body.path("blueprint").path("Name").asText());
          if (hang) createHangs.await(20, TimeUnit.SECONDS);
          return createReply;
        }
        heard.add("destroy " + body.path("blueprint_name").asText());
        return new MockResponse().setBody("{}");
      }
    });
    homerunner.start();
  }

  private void start(Duration grace) {
    Services services = new Services(HomerunnerProviderTest.provider(homerunner.url("/")), Executors.newFixedThreadPool(2), grace);
    coordinator = new Coordinator(Settings.defaults().withStepTimeout(Duration.ofSeconds(30)), clock, services);
    coordinator.add(ScenarioReader.parse("""
        name: fresh
        roles: {alice: element-web}
        servers: {hs: synapse}
        steps:
          - do: {alice: {action: register, data: {homeserver_url: {local: "${hs.cs_api}"}}}}
          - do: {alice: send_message}
        """, "fresh.yaml", "fresh", false));
    coordinator.register("a", Json.object().put("type", "element-web"), "test", i -> { });
  }

  @AfterEach
  void stop() throws IOException {
    createHangs.countDown();
    if (coordinator != null) coordinator.close();
    homerunner.shutdown();
  }

  private CaseView kase() {
    return coordinator.cases().get(0);
  }

  private void awaitRunning() throws InterruptedException {
    Conditions.await(() -> kase().state() == CaseState.RUNNING, SOON, "the case runs once homerunner made its server");
  }

  private String blueprint() {
    return heard.get(0).substring("create ".length());
  }

  private void awaitDestroyed() throws InterruptedException {
    Conditions.await(() -> heard.size() == 2, SOON, "homerunner hears destroy");
    assertEquals(List.of("create " + blueprint(), "destroy " + blueprint()), heard);
  }

  @Test
  void a_passed_case_runs_on_its_own_server_then_destroys_it() throws Exception {
    hang = true; // homerunner holds its reply until the case has been seen preparing
    start(SOON);
    assertEquals(CaseState.PREPARING, kase().state());
    createHangs.countDown();
    awaitRunning();
    Instruction.Action register = (Instruction.Action) coordinator.current("a");
    assertEquals("http://localhost:32829", register.data().path("homeserver_url").path("local").asText());
    coordinator.answer("a", null, Answers.word("registered"));
    coordinator.answer("a", null, Answers.word("sent"));
    assertEquals(CaseState.PASSED, kase().state());
    awaitDestroyed();
    assertTrue(blueprint().startsWith("trafficlight-fresh-element-web-synapse-"), blueprint());
  }

  @Test
  void a_failed_case_destroys_its_server() throws Exception {
    start(SOON);
    awaitRunning();
    coordinator.fail("a", null, Answers.failure(Json.parse("{\"error\": {\"type\": \"action\", \"details\": \"no room\"}}")));
    assertEquals(CaseState.FAILED, kase().state());
    awaitDestroyed();
  }

  @Test
  void a_case_in_error_destroys_its_server() throws Exception {
    start(SOON);
    awaitRunning();
    clock.advance(Duration.ofSeconds(31));
    coordinator.tick();
    assertEquals(CaseState.ERROR, kase().state());
    assertTrue(kase().reason().startsWith("step 'step-1' timed out"), kase().reason());
    awaitDestroyed();
  }

  @Test
  void a_failed_create_ends_the_case_in_error_frees_the_client_and_still_destroys() throws Exception {
    createReply = new MockResponse().setResponseCode(500).setBody("image complement-synapse:latest not found");
    start(SOON);
    Conditions.await(() -> kase().state() == CaseState.ERROR, SOON, "the case ends when create fails");
    assertEquals("servers could not be prepared (homerunner at " + homerunner.url("/") + "): homerunner at "
        + homerunner.url("/") + " answered 500 to /create: image complement-synapse:latest not found", kase().reason());
    assertInstanceOf(Instruction.Idle.class, coordinator.current("a"), "the client is idle, not told to exit");
    awaitDestroyed();
  }

  @Test
  void shutting_down_destroys_the_servers_of_running_cases_before_it_returns() throws Exception {
    start(SOON);
    awaitRunning();
    coordinator.close();
    assertEquals(List.of("create " + blueprint(), "destroy " + blueprint()), heard);
    assertEquals(CaseState.ERROR, kase().state());
  }

  @Test
  void shutting_down_while_create_is_in_flight_destroys_what_it_makes() throws Exception {
    hang = true;
    start(SOON);
    Conditions.await(() -> heard.size() == 1, SOON, "create is in flight");
    new Thread(() -> {
      try {
        Thread.sleep(200);
      } catch (InterruptedException ignored) {
        return;
      }
      createHangs.countDown();
    }).start();
    coordinator.close();
    assertEquals(List.of("create " + blueprint(), "destroy " + blueprint()), heard);
  }

  @Test
  void closing_the_server_that_serve_and_run_start_destroys_what_homerunner_made() throws Exception {
    dev.trafficlight.server.ServerConfig config = dev.trafficlight.server.ServerConfig.parse(new com.fasterxml.jackson.dataformat.yaml
        .YAMLMapper().readTree("servers:\n  provider: homerunner\n  homerunner: {url: \"" + homerunner.url("/")
        + "\", images: {synapse: complement-synapse}}\n"));
    dev.trafficlight.core.scenario.Scenario fresh = ScenarioReader.parse(
        "name: served\nroles: {alice: element-web}\nservers: {hs: synapse}\nsteps: [{do: {alice: reload}}]\n", "s.yaml", "s", false);
    try (dev.trafficlight.testing.RunningServer server = new dev.trafficlight.testing.RunningServer(config, List.of(fresh))) {
      server.adapter("a").register("element-web", "1.0");
      Conditions.await(() -> server.server.coordinator().cases().get(0).state() == CaseState.RUNNING, SOON, "the case runs");
      server.close();
      assertEquals(List.of("create " + blueprint(), "destroy " + blueprint()), heard);
      assertEquals("the coordinator shut down", server.server.coordinator().cases().get(0).reason());
    }
  }

  @Test
  void a_create_that_outlasts_the_shutdown_grace_is_cancelled_and_destroyed_anyway() throws Exception {
    hang = true;
    start(Duration.ofMillis(300));
    Conditions.await(() -> heard.size() == 1, SOON, "create is in flight");
    long started = System.nanoTime();
    coordinator.close();
    long tookMs = (System.nanoTime() - started) / 1_000_000;
    assertTrue(tookMs < 5000, "close gave up waiting after its grace: " + tookMs + " ms");
    awaitDestroyed();
  }
}
