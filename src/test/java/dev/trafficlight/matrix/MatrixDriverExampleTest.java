package dev.trafficlight.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trafficlight.core.view.CaseState;
import dev.trafficlight.core.view.CaseView;
import dev.trafficlight.testing.Tools;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The example Python driver in examples/clients plays a whole case through the fake homeserver. */
class MatrixDriverExampleTest {
  private static final Path DRIVER = Path.of("examples/clients/matrix-driver.py");

  @TempDir
  Path dataDir;

  @Test
  void the_example_driver_plays_a_case_to_the_end() throws Exception {
    Tools.require("python3");
    try (MatrixHarness h = new MatrixHarness(dataDir).start()) {
      String caseId = h.add(MatrixTransportTest.chat());
      List<Process> drivers = new ArrayList<>();
      for (String[] who : new String[][] {{"alice", "element-web"}, {"bob", "hydrogen-web"}}) {
        String token = h.hs.register(who[0], "pw");
        ProcessBuilder pb = new ProcessBuilder("python3", DRIVER.toString()).redirectErrorStream(true)
            .redirectOutput(dataDir.resolve(who[0] + ".log").toFile());
        pb.environment().put("MATRIX_HOMESERVER", h.hs.baseUrl());
        pb.environment().put("MATRIX_USER", h.hs.userOf(token));
        pb.environment().put("MATRIX_TOKEN", token);
        pb.environment().put("TRAFFICLIGHT_MATRIX_USER", MatrixHarness.COORDINATOR);
        pb.environment().put("CLIENT_TYPE", who[1]);
        drivers.add(pb.start());
      }
      try {
        CaseView kase = h.awaitEnd(caseId, Duration.ofSeconds(20));
        assertEquals(CaseState.PASSED, kase.state(), kase.reason());
        for (Process driver : drivers) {
          assertTrue(driver.waitFor(10, TimeUnit.SECONDS), "the driver did not stop on exit");
          assertEquals(0, driver.exitValue());
        }
        assertTrue(java.nio.file.Files.readString(dataDir.resolve("alice.log")).contains("exit: case chat"));
      } finally {
        drivers.forEach(Process::destroy);
      }
    }
  }
}
