package dev.trafficlight.matrix;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A fresh harness for each test, on a data directory of its own, closed after it; a test starts it when its settings are ready. */
abstract class MatrixTestBase {
  static final Duration LIMIT = Duration.ofSeconds(15);

  @TempDir
  Path dataDir;
  MatrixHarness h;

  @BeforeEach
  void newHarness() throws Exception {
    h = new MatrixHarness(dataDir);
  }

  @AfterEach
  void closeHarness() throws Exception {
    h.close();
  }
}
