package dev.trafficlight.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trafficlight.core.view.CaseState;
import dev.trafficlight.core.view.CaseView;
import dev.trafficlight.core.view.TimelineEntry;
import dev.trafficlight.core.port.Artifact;
import dev.trafficlight.core.scenario.Role;
import dev.trafficlight.core.scenario.Scenario;
import dev.trafficlight.core.scenario.ScenarioReader;
import dev.trafficlight.server.ServerConfig;
import dev.trafficlight.server.TrafficlightServer;
import dev.trafficlight.testing.Tools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The example adapter loops in examples/clients play a whole case against a real server, as
 * real processes: they register, answer every action, report failures and upload their logs.
 */
class ExampleClientsTest {
  private static final Path CLIENTS = Path.of("examples/clients");
  private static final Map<String, List<String>> LOOPS = Map.of(
      "python", List.of("python3", "trafficlight_client.py"),
      "bash", List.of("bash", "trafficlight-client.sh"),
      "node", List.of("node", "trafficlight-client.mjs"));
  private static final Map<String, List<String>> TOOLS = Map.of(
      "python", List.of("python3"), "bash", List.of("bash", "curl", "jq"), "node", List.of("node"));
  private static final String TYPE = "element-web";
  private static final Duration LIMIT = Duration.ofSeconds(15);
  private static final Duration EVERY_EXAMPLE_LIMIT = Duration.ofSeconds(90);

  @TempDir Path temp;
  private TrafficlightServer server;
  private final Map<String, Process> processes = new LinkedHashMap<>();

  @BeforeEach
  void make_a_log_folder() throws IOException {
    Files.createDirectories(temp.resolve("logs"));
  }

  private void serveOneCase() throws IOException {
    Scenario scenario = withTypes(ScenarioReader.read(Path.of("examples/scenarios/history_visibility.yaml")), TYPE);
    server = TrafficlightServer.start(ServerConfig.defaults(), List.of(scenario), "127.0.0.1", 0, temp.resolve("data"));
  }

  @AfterEach
  void kill_every_process_and_stop() throws InterruptedException {
    for (Process process : processes.values()) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
    for (Process process : processes.values()) {
      process.waitFor(5, TimeUnit.SECONDS);
    }
    if (server != null) server.close();
  }

  @Test
  void the_python_and_bash_loops_play_a_case_to_the_end() throws Exception {
    serveOneCase();
    launch("alice-or-bob-1", "python", Map.of());
    launch("alice-or-bob-2", "bash", Map.of());
    CaseView kase = awaitEveryExitThenTheCase();
    assertEquals(CaseState.PASSED, kase.state(), kase.reason());
    assertAnswered(kase);
    assertEveryLogUploaded(kase);
    assertEachProvedItself(kase);
  }

  @Test
  void two_node_loops_play_a_case_to_the_end() throws Exception {
    serveOneCase();
    launch("node-1", "node", Map.of());
    launch("node-2", "node", Map.of());
    CaseView kase = awaitEveryExitThenTheCase();
    assertEquals(CaseState.PASSED, kase.state(), kase.reason());
    assertAnswered(kase);
    assertEveryLogUploaded(kase);
    assertEachProvedItself(kase);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"python", "bash", "node"})
  void an_action_failure_fails_the_case_and_the_other_client_is_told_to_exit(String loop) throws Exception {
    serveOneCase();
    launch("failing", loop, Map.of("TRAFFICLIGHT_FAIL_ACTION", "register"));
    launch("partner", partnerOf(loop), Map.of());
    CaseView kase = awaitEveryExitThenTheCase();
    assertEquals(CaseState.FAILED, kase.state(), kase.reason());
    assertTrue(kase.reason().contains("reported an action failure at step 'register'"), kase.reason());
    assertEquals("action", kase.errorDetails().path("error").path("type").asText());
    assertEquals("register", kase.errorDetails().path("error").path("path").asText());
    assertPartnerWasToldToExit(kase, "failed");
    assertEveryLogUploaded(kase);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"python", "bash", "node"})
  void a_crashing_handler_puts_the_case_in_error_and_the_other_client_is_told_to_exit(String loop) throws Exception {
    serveOneCase();
    launch("crashing", loop, Map.of("TRAFFICLIGHT_CRASH_ACTION", "register"));
    launch("partner", partnerOf(loop), Map.of());
    CaseView kase = awaitEveryExitThenTheCase();
    assertEquals(CaseState.ERROR, kase.state(), kase.reason());
    assertTrue(kase.reason().contains("reported an error of type 'adapter' at step 'register'"), kase.reason());
    assertEquals("adapter", kase.errorDetails().path("error").path("type").asText());
    assertPartnerWasToldToExit(kase, "error");
    assertEveryLogUploaded(kase);
  }

  @Test
  void the_shipped_loops_play_every_example_case_one_after_another_and_stop_when_the_coordinator_goes() throws Exception {
    server = TrafficlightServer.start(ServerConfig.defaults(), ScenarioReader.readAll(Path.of("examples/scenarios")),
        "127.0.0.1", 0, temp.resolve("data"));
    // Two of each type the examples ask for, in every language, each playing case after case.
    String[][] fleet = {{"element-web", "python"}, {"element-web", "bash"}, {"hydrogen-web", "node"},
        {"hydrogen-web", "python"}, {"element-android", "bash"}, {"element-android", "node"},
        {"network-proxy", "python"}, {"network-proxy", "node"}};
    for (String[] member : fleet) {
      launch(member[0] + "-" + member[1], member[1], Map.of("TRAFFICLIGHT_TYPE", member[0], "TRAFFICLIGHT_CASES", "0"));
    }
    Instant deadline = Instant.now().plus(EVERY_EXAMPLE_LIMIT);
    while (!everyCaseEndedWithItsLogs() && Instant.now().isBefore(deadline)) {
      Thread.sleep(100);
    }
    List<CaseView> cases = server.coordinator().cases();
    assertEquals(18, cases.size());
    for (CaseView kase : cases) {
      assertEquals(CaseState.PASSED, kase.state(), kase.id() + ": " + kase.reason() + "; " + describe());
      assertEquals(kase.members().size(), kase.artifacts().size(), kase.id() + " has a log from each member");
    }
    CaseView proxied = server.coordinator().caseView("network_proxy[network-proxy, hydrogen-web]").orElseThrow();
    assertEquals("http://127.0.0.1:4040/", proxied.timeline().stream()
        .filter(e -> e.kind() == TimelineEntry.Kind.ACTION && "register".equals(e.name())).findFirst().orElseThrow()
        .data().path("homeserver_url").path("local").asText(), "the client registers through the proxy's endpoint");
    server.close();
    awaitEveryExit(Duration.ofSeconds(45));
  }

  private boolean everyCaseEndedWithItsLogs() {
    return server.coordinator().cases().stream()
        .allMatch(c -> c.state().isFinal() && c.artifacts().size() >= c.members().size());
  }

  /** The scenario with every role restricted to one type, so two clients of it start exactly one case. */
  private static Scenario withTypes(Scenario s, String type) {
    Map<String, Role> roles = new LinkedHashMap<>();
    s.roles().forEach((name, role) -> roles.put(name, new Role(name, List.of(type), role.requirements())));
    return new Scenario(s.name(), s.description(), roles, s.servers(), s.variables(), s.steps(), s.timeout(),
        s.stepTimeout(), s.source());
  }

  private static String partnerOf(String loop) {
    return loop.equals("python") ? "bash" : "python";
  }

  private void launch(String name, String loop, Map<String, String> extraEnv) throws IOException {
    Tools.require(TOOLS.get(loop).toArray(String[]::new));
    List<String> command = new ArrayList<>(LOOPS.get(loop));
    command.set(1, CLIENTS.resolve(command.get(1)).toAbsolutePath().toString());
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(temp.resolve(name + ".out").toFile());
    Map<String, String> env = builder.environment();
    env.keySet().removeIf(key -> key.startsWith("TRAFFICLIGHT_"));
    env.put("TRAFFICLIGHT_URL", "http://127.0.0.1:" + server.port());
    env.put("TRAFFICLIGHT_TYPE", TYPE);
    env.put("TRAFFICLIGHT_LOG_DIR", temp.resolve("logs").toString());
    env.putAll(extraEnv);
    processes.put(name, builder.start());
  }

  /** Every process must stop by itself, with status 0, within the limit; then the one case must have ended. */
  private CaseView awaitEveryExitThenTheCase() throws Exception {
    awaitEveryExit(LIMIT);
    List<CaseView> cases = server.coordinator().cases();
    assertEquals(1, cases.size(), "one case queued");
    return cases.get(0);
  }

  private void awaitEveryExit(Duration limit) throws Exception {
    Instant deadline = Instant.now().plus(limit);
    for (Map.Entry<String, Process> entry : processes.entrySet()) {
      long left = Math.max(0, Duration.between(Instant.now(), deadline).toMillis());
      boolean stopped = entry.getValue().waitFor(left, TimeUnit.MILLISECONDS);
      assertTrue(stopped, entry.getKey() + " still runs after " + limit.toSeconds() + " s; " + describe());
      assertEquals(0, entry.getValue().exitValue(), entry.getKey() + " failed; " + describe());
    }
  }

  private String describe() throws IOException {
    StringBuilder s = new StringBuilder("cases: ");
    server.coordinator().cases().forEach(c -> s.append(c.id()).append(' ').append(c.state()).append(": ").append(c.reason()));
    for (String name : processes.keySet()) {
      s.append("\n--- ").append(name).append(" output ---\n").append(Files.readString(temp.resolve(name + ".out")));
    }
    return s.toString();
  }

  /** Each handler's word reached the coordinator: {@code registered} for register, {@code done} for the rest. */
  private static void assertAnswered(CaseView kase) {
    assertEquals(List.of("registered", "done", "done", "done", "done", "done"), answers(kase, "alice"));
    assertEquals(List.of("registered", "done", "done"), answers(kase, "bob"));
  }

  private static List<String> answers(CaseView kase, String role) {
    return kase.timeline().stream()
        .filter(e -> e.kind() == TimelineEntry.Kind.ANSWER && role.equals(e.role()))
        .map(TimelineEntry::name).toList();
  }

  /** The loops send the token their registration returned: nobody else may now act in their name. */
  private void assertEachProvedItself(CaseView kase) throws Exception {
    for (CaseView.Member member : kase.members().values()) {
      java.net.http.HttpResponse<String> stolen = java.net.http.HttpClient.newHttpClient().send(
          java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + server.port() + "/client/"
              + member.uuid() + "/poll?timeout=0")).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
      assertEquals(401, stolen.statusCode(), member.uuid() + " answered a poll without its token: " + stolen.body());
    }
  }

  /** Each member uploaded its own log, and the log says what the loop did, down to the exit. */
  private static void assertEveryLogUploaded(CaseView kase) throws IOException {
    Set<String> expected = kase.members().values().stream()
        .map(m -> "trafficlight-client-" + m.uuid() + ".log").collect(Collectors.toSet());
    Set<String> uploaded = kase.artifacts().stream().map(Artifact::name).collect(Collectors.toSet());
    assertEquals(expected, uploaded);
    for (Artifact artifact : kase.artifacts()) {
      String log = Files.readString(Path.of(artifact.location()));
      assertTrue(log.contains("registering at http://127.0.0.1:"), artifact.name() + ":\n" + log);
      assertTrue(log.contains("exit: case " + kase.id()), artifact.name() + ":\n" + log);
    }
  }

  /** The member that did not report the error was told to exit, and said so in its log. */
  private void assertPartnerWasToldToExit(CaseView kase, String outcome) throws IOException {
    String reporter = reporterUuid(kase);
    CaseView.Member partner = kase.members().values().stream()
        .filter(m -> !m.uuid().equals(reporter)).findFirst().orElseThrow();
    String log = Files.readString(temp.resolve("logs").resolve("trafficlight-client-" + partner.uuid() + ".log"));
    assertTrue(log.contains("exit: case " + kase.id() + " " + outcome), log);
  }

  private static String reporterUuid(CaseView kase) {
    String role = kase.timeline().stream().filter(e -> e.kind() == TimelineEntry.Kind.ERROR)
        .map(TimelineEntry::role).findFirst().orElseThrow(() -> new AssertionError("no error in the timeline"));
    return kase.members().get(role).uuid();
  }
}
