package dev.trafficlight.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class GraphCommandTest {
  private static final String SCENARIO = """
      name: greet
      roles:
        alice: element-web
        bob: hydrogen
      steps:
        - name: invite
          do:
            alice: {action: invite, data: {user: "${bob.user_id}"}}
        - name: join
          do:
            bob: join
          on:
            bob: {not_invited: failed}
      """;

  @TempDir
  Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cli = new CommandLine(new GraphCommand());
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    return cli.execute(args);
  }

  @Test
  void it_prints_the_state_machine_as_dot_by_default() throws Exception {
    Path file = Files.writeString(dir.resolve("greet.yaml"), SCENARIO);
    assertEquals(0, run(file.toString()), err.toString());
    assertTrue(out.toString().startsWith("digraph \"greet\" {"), out.toString());
    assertTrue(out.toString().contains("\"join\" -> \"failed\" [label=\"bob: not_invited\"];"));
    assertTrue(out.toString().contains("\"invite\" -> \"join\";"));
  }

  @Test
  void it_prints_mermaid_when_asked() throws Exception {
    Path file = Files.writeString(dir.resolve("greet.yaml"), SCENARIO);
    assertEquals(0, run("--format", "mermaid", file.toString()), err.toString());
    assertTrue(out.toString().startsWith("stateDiagram-v2"));
  }

  @Test
  void a_broken_scenario_is_reported_with_its_file_and_line() throws Exception {
    Path file = Files.writeString(dir.resolve("bad.yaml"), "roles: {alice: element-web}\nsteps:\n  - name: x\n");
    assertEquals(1, run(file.toString()));
    assertTrue(err.toString().contains("bad.yaml:"), err.toString());
    assertEquals("", out.toString());
  }

  @Test
  void a_missing_file_is_reported_plainly() {
    assertEquals(1, run(dir.resolve("none.yaml").toString()));
    assertTrue(err.toString().startsWith("cannot read "), err.toString());
  }
}
