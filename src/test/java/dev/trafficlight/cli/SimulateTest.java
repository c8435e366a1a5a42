package dev.trafficlight.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code run --simulate}: a scenario author's dry run against the simulated chat world. */
class SimulateTest {
  private static final String HEAD = """
      roles: {alice: element-web, bob: [hydrogen-web, element-android]}
      servers: [hs]
      variables:
        url: {local: "${hs.cs_api}"}
      steps:
        - do:
            alice: {action: register, data: {username: "a${case.token}", password: p, homeserver_url: "${url}"}}
            bob: {action: register, data: {username: "b${case.token}", password: p, homeserver_url: "${url}"}}
        - do: {alice: {action: create_room, data: {name: room}}}
        - do: {alice: {action: invite_user, data: {userId: "@b${case.token}:${hs.server_name}"}}}
        - do: {bob: accept_invite}
        - do: {alice: {action: send_message, data: {message: hello}}}
      """;

  @TempDir
  Path dir;

  private final StringWriter out = new StringWriter();

  private int run(String timeout) {
    picocli.CommandLine cli = Main.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(out, true));
    return cli.execute("run", "--simulate", "--scenarios", dir.toString(), "--port", "0",
        "--data", dir.resolve("data").toString(), "--timeout", timeout);
  }

  /** One dry run over several scenarios: each run of {@code run} costs a server start and a linger. */
  @Test
  void a_dry_run_passes_right_scenarios_and_fails_wrong_ones() throws Exception {
    Files.writeString(dir.resolve("right.yaml"), HEAD + "  - do: {bob: {action: verify_message_in_timeline, data: {message: hello}}}\n");
    Files.writeString(dir.resolve("wrong.yaml"), HEAD + "  - do: {bob: {action: verify_message_in_timeline, data: {message: goodbye}}}\n");
    Files.writeString(dir.resolve("typo.yaml"), """
        roles: {alice: element-web}
        steps: [{do: {alice: {action: send_mesage, data: {message: hi}}}}]
        """);
    Files.writeString(dir.resolve("picky.yaml"), """
        roles: {alice: {type: element-web, flavour: [nightly, beta], version: ">=1.6 <2"}}
        steps: [{do: {alice: {action: create_room, data: {name: x}}}}]
        """);
    assertEquals(1, run("1m"), out.toString());
    String output = out.toString();
    assertTrue(output.contains("passed   right[element-web, hydrogen-web]"), output);
    assertTrue(output.contains("passed   right[element-web, element-android]"), output);
    assertTrue(output.contains("failed   wrong[element-web, hydrogen-web]"), output);
    assertTrue(output.contains("'goodbye' is not in @b"), output);
    assertTrue(output.contains("error    typo[element-web]"), output);
    assertTrue(output.contains("the simulated clients do not know the action 'send_mesage'; they know "), output);
    assertTrue(output.contains("failed   picky[element-web]"), "alice, of flavour and version, played: " + output);
    assertTrue(output.contains("not signed in: register or login first"), output);
  }

  @Test
  void a_role_no_simulated_client_can_play_is_named_at_the_start() throws Exception {
    Files.writeString(dir.resolve("impossible.yaml"), """
        roles: {carol: {version: "<0"}}
        steps: [{do: {carol: {action: create_room, data: {name: x}}}}]
        """);
    assertEquals(1, run("1s"), out.toString());
    assertTrue(out.toString().contains("cannot simulate: impossible[any]: no simulated client can play carol (type=any, version=<0)"),
        out.toString());
  }
}
