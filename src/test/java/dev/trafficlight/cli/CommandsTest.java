package dev.trafficlight.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandsTest {
  @TempDir
  Path dir;

  private final CliRun cli = new CliRun();

  @Test
  void validate_lists_every_example_with_its_cases() {
    assertEquals(0, cli.execute("validate", "examples/scenarios"));
    assertTrue(cli.out.toString().contains("  federation[hydrogen-web, element-web | synapse, dendrite]"), cli.out.toString());
    assertTrue(cli.out.toString().contains("network_proxy — 9 steps, 2 cases"), cli.out.toString());
  }

  @Test
  void validate_reports_file_and_line_and_fails() throws Exception {
    Files.writeString(dir.resolve("good.yaml"), "roles: {a: element-web}\nsteps: [{do: {a: reload}}]\n");
    Files.writeString(dir.resolve("bad.yaml"), "roles: {a: element-web}\nsteps:\n  - do: {a: {action: x, data: {m: \"${nope}\"}}}\n");
    assertEquals(1, cli.execute("validate", dir.toString()));
    assertTrue(cli.err.toString().startsWith(dir.resolve("bad.yaml") + ":3: undefined variable ${nope}"), cli.err.toString());
    assertTrue(cli.out.toString().contains("good.yaml: good — 1 step, 1 case"), cli.out.toString());
  }

  @Test
  void run_ends_cases_that_never_find_clients_when_its_timeout_passes() throws Exception {
    Files.writeString(dir.resolve("lonely.yaml"), "roles: {alice: element-ios}\nsteps: [{do: {alice: reload}}]\n");
    Path junit = dir.resolve("results.xml");
    int code = cli.execute("run", "--scenarios", dir.resolve("lonely.yaml").toString(), "--port", "0",
        "--data", dir.resolve("data").toString(), "--timeout", "1s", "--junit", junit.toString());
    assertEquals(1, code);
    assertTrue(cli.out.toString().contains("no client matched role alice (type=element-ios)"), cli.out.toString());
    assertTrue(cli.out.toString().contains("Total: 1 case, 0 passed, 0 failed, 1 in error"), cli.out.toString());
    String xml = Files.readString(junit);
    assertTrue(xml.contains("lonely[element-ios]") && xml.contains("<skipped message=\"never started: run timed out after 1s; no client matched role alice"), xml);
  }

  @Test
  void a_bad_config_or_scenario_folder_is_explained_without_a_stack_trace() throws Exception {
    Files.writeString(dir.resolve("config.yaml"), "homeservers:\n  - server_name: hs1\n");
    assertEquals(2, cli.execute("run", "--config", dir.resolve("config.yaml").toString(), "--port", "0"));
    assertTrue(cli.err.toString().contains("a homeserver needs 'server_name' and 'cs_api'"), cli.err.toString());
    assertEquals(2, cli.execute("run", "--scenarios", dir.resolve("missing").toString(), "--port", "0"));
    assertTrue(cli.err.toString().contains("no such file or folder"), cli.err.toString());
    assertTrue(!cli.err.toString().contains("\tat "), cli.err.toString());
  }

  @Test
  void run_exits_zero_when_every_case_passes() throws Exception {
    Files.writeString(dir.resolve("quick.yaml"), "roles: {alice: element-web}\nsteps: [{wait: 100ms}]\n");
    int port;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      port = s.getLocalPort();
    }
    String url = "http://127.0.0.1:" + port;
    Thread adapter = new Thread(() -> {
      dev.trafficlight.testing.Adapter a = new dev.trafficlight.testing.Adapter(url, "a");
      for (int i = 0; i < 100; i++) {
        try {
          a.register("element-web", "1");
          break;
        } catch (RuntimeException notYetListening) {
          try { Thread.sleep(100); } catch (InterruptedException e) { return; }
        }
      }
      while (!a.poll(5000).action().equals("exit")) {
        // the case is a coordinator-side wait: nothing to do but poll
      }
      a.upload("upload", new String[] {"file", "after-exit.log", "bye"});
    });
    adapter.start();
    int code = cli.execute("run", "--scenarios", dir.resolve("quick.yaml").toString(), "--port", String.valueOf(port),
        "--data", dir.resolve("data").toString(), "--timeout", "20s");
    adapter.join();
    assertEquals(0, code, cli.out.toString());
    assertTrue(cli.out.toString().contains("passed   quick[element-web]"), cli.out.toString());
    assertTrue(Files.exists(dir.resolve("data/cases/quick_element-web_/a/after-exit.log")),
        "run kept serving until the client heard its exit and uploaded");
  }

  @Test
  void two_scenarios_of_one_name_are_refused_by_validate_and_run() throws Exception {
    Files.writeString(dir.resolve("a.yaml"), "name: same\nroles: {a: element-web}\nsteps: [{do: {a: reload}}]\n");
    Files.writeString(dir.resolve("b.yaml"), "name: same\nroles: {a: element-web}\nsteps: [{do: {a: reload}}]\n");
    assertEquals(1, cli.execute("validate", dir.toString()));
    assertTrue(cli.err.toString().contains("b.yaml: the scenario name 'same' is taken by"), cli.err.toString());
    assertEquals(2, cli.execute("run", "--scenarios", dir.toString(), "--port", "0"));
  }

  @Test
  void an_upload_limit_that_is_not_a_whole_number_is_refused() throws Exception {
    Files.writeString(dir.resolve("config.yaml"), "http: {max_upload_mb: 1GB}\n");
    assertEquals(2, cli.execute("run", "--config", dir.resolve("config.yaml").toString(), "--port", "0"));
    assertTrue(cli.err.toString().contains("http.max_upload_mb is a whole number of megabytes above 0, not \"1GB\""), cli.err.toString());
  }

  @Test
  void every_command_prints_its_version() {
    for (String command : new String[] {"serve", "run", "validate", "graph"}) {
      cli.out.getBuffer().setLength(0);
      assertEquals(0, cli.execute(command, "--version"));
      assertEquals(Main.VERSION, cli.out.toString().strip(), command);
    }
  }

  @Test
  void a_port_in_use_is_one_line_and_exit_code_2() throws Exception {
    try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
      int code = cli.execute("run", "--port", String.valueOf(taken.getLocalPort()), "--data", dir.resolve("data").toString());
      assertEquals(2, code);
      assertEquals("trafficlight run: 127.0.0.1:" + taken.getLocalPort() + ": " + Ports.IN_USE, cli.err.toString().strip());
    }
  }

  @Test
  void run_has_a_timeout_unless_told_otherwise() {
    assertEquals(0, cli.execute("run", "--help"));
    assertTrue(cli.out.toString().contains("(default: 30m)"), cli.out.toString());
  }
}
