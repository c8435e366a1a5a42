package dev.trafficlight.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * Tests that run outside tools (a browser, Node, jq, Python) ask for them here. On a developer's
 * machine a missing tool skips the test with a message naming it; under CI ({@code CI=true}) it
 * fails the test, so CI never passes by skipping.
 */
public final class Tools {
  private Tools() {}

  /** Skips (or, under CI, fails) the calling test unless every tool is on PATH or is an existing file. */
  public static void require(String... tools) {
    List<String> missing = Arrays.stream(tools).filter(tool -> !available(tool)).toList();
    if (missing.isEmpty()) return;
    String message = "needs " + String.join(", ", missing) + ", not found on this machine; ./test.sh installs it";
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      fail(message + " (CI=true: a missing tool fails instead of skipping)");
    }
    Assumptions.abort(message);
  }

  /** Whether a tool is installed: an absolute path that is executable, or a name found on PATH. */
  public static boolean available(String tool) {
    if (tool.contains(File.separator)) return Files.isExecutable(Path.of(tool));
    return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
        .anyMatch(dir -> !dir.isEmpty() && Files.isExecutable(Path.of(dir, tool)));
  }
}
