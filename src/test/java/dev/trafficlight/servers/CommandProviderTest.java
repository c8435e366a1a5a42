package dev.trafficlight.servers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.trafficlight.core.Json;
import dev.trafficlight.core.engine.Coordinator;
import dev.trafficlight.core.engine.Settings;
import dev.trafficlight.core.port.Instruction;
import dev.trafficlight.core.scenario.ScenarioReader;
import dev.trafficlight.core.servers.ServerProviderException;
import dev.trafficlight.core.servers.ServerRequest;
import dev.trafficlight.core.view.CaseState;
import dev.trafficlight.core.view.CaseView;
import dev.trafficlight.core.view.TimelineEntry;
import dev.trafficlight.testing.Answers;
import dev.trafficlight.testing.Conditions;
import dev.trafficlight.testing.Tools;
import dev.trafficlight.testing.ManualClock;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command provider runs a user's real scripts: a server really starts for the case and really stops after. */
class CommandProviderTest {
  /** Starts a real HTTP server in the background, waits until it answers, prints it as JSON. */
  private static final String START = """
      #!/bin/sh
      set -e
      port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
      echo "starting $TRAFFICLIGHT_SERVER for $TRAFFICLIGHT_CASE_ID"
      python3 -m http.server "$port" --bind 127.0.0.1 >/dev/null 2>&1 &
      pid=$!
      for i in $(seq 1 100); do
        if curl -s -o /dev/null "http://127.0.0.1:$port/"; then break; fi
        sleep 0.1
      done
      printf '{"server_name": "lab-%s", "cs_api": "http://127.0.0.1:%s", "pid": %s, "type": "%s"}\\n' \\
        "$TRAFFICLIGHT_CASE_TOKEN" "$port" "$pid" "$TRAFFICLIGHT_SERVER_TYPE"
      """;
  private static final String STOP = """
      #!/bin/sh
      pid=$(printf '%s' "$TRAFFICLIGHT_SERVER_JSON" | python3 -c 'import json, sys; print(json.load(sys.stdin)["pid"])')
      kill "$pid"
      """;

  @TempDir
  Path dir;

  private Path script(String name, String text) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, text);
    assertTrue(file.toFile().setExecutable(true));
    return file;
  }

  private static boolean answers(String url) {
    try {
      HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
      c.setConnectTimeout(1000);
      c.setReadTimeout(1000);
      return c.getResponseCode() == 200;
    } catch (IOException e) {
      return false;
    }
  }

  @Test
  void a_case_runs_against_a_server_its_script_started_and_the_stop_script_stops_it() throws Exception {
    Tools.require("python3", "curl"); // the scripts start and stop a real server with them
    ServersConfig config = ServersConfig.parse(new YAMLMapper().readTree(
        "provider: command\ncommand: {start: [" + script("start.sh", START) + "], stop: [" + script("stop.sh", STOP) + "], timeout: 30s}\n"));
    Coordinator coordinator = new Coordinator(Settings.defaults(), new ManualClock(), config.services(List.of()));
    try {
      coordinator.add(ScenarioReader.parse("""
          name: lab
          roles: {alice: element-web}
          servers: {hs: synapse}
          steps:
            - do: {alice: {action: register, data: {url: "${hs.cs_api}", pid: "${hs.pid}", type: "${hs.type}"}}}
          """, "lab.yaml", "lab", false));
      coordinator.register("a", Json.object().put("type", "element-web"), "test", i -> { });
      Conditions.await(() -> coordinator.cases().get(0).state() == CaseState.RUNNING, Duration.ofSeconds(30), "the script started a server");
      Instruction.Action register = (Instruction.Action) coordinator.current("a");
      String url = register.data().path("url").asText();
      long pid = register.data().path("pid").asLong();
      assertEquals("synapse", register.data().path("type").asText(), "the script heard the server's type");
      assertTrue(answers(url), "the server the script started answers at " + url);
      assertTrue(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));

      coordinator.answer("a", null, Answers.word("registered"));
      assertEquals(CaseState.PASSED, coordinator.cases().get(0).state());
      Conditions.await(() -> ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true), Duration.ofSeconds(30), "the stop script stops it");
      Conditions.await(() -> released(coordinator.cases().get(0)), Duration.ofSeconds(10), "the case notes its servers went back");
      assertFalse(answers(url));
    } finally {
      coordinator.close();
    }
  }

  private static boolean released(CaseView kase) {
    return kase.timeline().stream().anyMatch(e -> e.kind() == TimelineEntry.Kind.SERVERS && "released".equals(e.name()));
  }

  private final ServerRequest one = new ServerRequest("c[element-web]", "tok", List.of(new ServerRequest.Wanted("hs", null)));

  @Test
  void a_start_script_that_fails_is_reported_with_its_last_words() throws Exception {
    CommandProvider provider = new CommandProvider(List.of(script("bad.sh", "#!/bin/sh\necho 'no synapse binary' >&2\nexit 3\n").toString()),
        List.of("true"), Duration.ofSeconds(10));
    assertEquals("start script for 'hs' exited with 3: no synapse binary",
        assertThrows(ServerProviderException.class, () -> provider.provide(one)).getMessage());
  }

  @Test
  void a_start_script_must_end_with_a_json_line_naming_the_server() throws Exception {
    CommandProvider provider = new CommandProvider(List.of("sh", "-c", "echo started; echo '{\"cs_api\": \"http://x\"}'"),
        List.of("true"), Duration.ofSeconds(10));
    assertEquals("start script for 'hs' must print, as its last line, a JSON object with server_name and cs_api; "
        + "it printed: {\"cs_api\": \"http://x\"}", assertThrows(ServerProviderException.class, () -> provider.provide(one)).getMessage());
  }

  @Test
  void a_start_script_that_hangs_is_killed_at_its_limit() throws Exception {
    CommandProvider provider = new CommandProvider(List.of("sh", "-c", "echo waiting >&2; exec sleep 60"), List.of("true"),
        Duration.ofMillis(500));
    long started = System.nanoTime();
    String message = assertThrows(ServerProviderException.class, () -> provider.provide(one)).getMessage();
    assertTrue((System.nanoTime() - started) / 1_000_000 < 10_000, "killed, not waited for");
    assertEquals("start script failed: 'sh -c echo waiting >&2; exec sleep 60' did not finish within 500ms; its last output: waiting", message);
  }

  @Test
  void when_the_second_server_fails_the_first_is_stopped_again() throws Exception {
    Path log = dir.resolve("stopped");
    String start = "if [ \"$TRAFFICLIGHT_SERVER\" = b ]; then exit 1; fi; echo '{\"server_name\": \"a\", \"cs_api\": \"http://a\"}'";
    CommandProvider provider = new CommandProvider(List.of("sh", "-c", start),
        List.of("sh", "-c", "echo \"$TRAFFICLIGHT_SERVER $TRAFFICLIGHT_SERVER_JSON\" >> " + log), Duration.ofSeconds(10));
    ServerRequest two = new ServerRequest("c", "tok", List.of(new ServerRequest.Wanted("a", null), new ServerRequest.Wanted("b", null)));
    assertThrows(ServerProviderException.class, () -> provider.provide(two));
    assertEquals("a {\"server_name\":\"a\",\"cs_api\":\"http://a\"}\n", Files.readString(log));
  }
}
