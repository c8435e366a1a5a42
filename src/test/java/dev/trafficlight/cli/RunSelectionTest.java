package dev.trafficlight.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** run and serve take --types and --cases. */
class RunSelectionTest {
  @TempDir
  Path dir;
  private final CliRun cli = new CliRun();

  @Test
  void run_queues_only_the_types_and_cases_chosen() throws Exception {
    Files.writeString(dir.resolve("chat.yaml"), "roles: {alice: [element-web, hydrogen-web], bob: element-web}\n"
        + "steps: [{do: {alice: reload}}]\n");
    int code = cli.execute("run", "--scenarios", dir.resolve("chat.yaml").toString(), "--port", "0", "--data", dir.resolve("d").toString(),
        "--timeout", "1s", "--linger", "0s", "--types", "bob=element-ios", "--cases", "chat[hydrogen-web*");
    assertEquals(1, code, cli.err.toString());
    assertTrue(cli.out.toString().contains("Running 1 case;"), cli.out.toString());
    assertTrue(cli.out.toString().contains("chat[hydrogen-web, element-ios]"), cli.out.toString());
  }

  @Test
  void a_choice_that_leaves_nothing_is_explained() throws Exception {
    Files.writeString(dir.resolve("chat.yaml"), "roles: {alice: element-web}\nsteps: [{do: {alice: reload}}]\n");
    assertEquals(2, cli.execute("run", "--scenarios", dir.resolve("chat.yaml").toString(), "--port", "0", "--types", "bob=element-web"));
    assertEquals("trafficlight run: --types names 'bob', which is no role or server of any scenario; they are [alice]\n",
        cli.err.toString());
  }
}
