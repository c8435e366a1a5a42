package dev.trafficlight.servers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a user's script to its end, with a time limit, and keeps what it printed. */
final class Processes {
  /** The most of a script's output that is kept: enough for a JSON line and an error's last words. */
  static final int MAX_OUTPUT = 64 * 1024;

  private Processes() {}

  /** What a script did. */
  record Result(int exit, String out, String err) {}

  /**
   * Runs {@code command} with extra environment variables. Output goes to files, not pipes: a
   * script that leaves a server running in the background would otherwise hold the pipe open.
   * A script still running after {@code limit} is killed with everything it started.
   */
  static Result run(List<String> command, Map<String, String> env, Duration limit) throws IOException, InterruptedException {
    Path out = Files.createTempFile("trafficlight-script", ".out");
    Path err = Files.createTempFile("trafficlight-script", ".err");
    try {
      ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
          .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
      builder.environment().putAll(env);
      Process process = builder.start();
      try {
        if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
          kill(process);
          throw new IOException("'" + String.join(" ", command) + "' did not finish within " + dev.trafficlight.core.Durations.format(limit)
              + "; its last output: " + tail(read(err)));
        }
      } catch (InterruptedException e) {
        kill(process);
        throw e;
      }
      return new Result(process.exitValue(), read(out), read(err));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  private static void kill(Process process) {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
  }

  /** The last {@link #MAX_OUTPUT} bytes of a file: a chatty script cannot fill the memory. */
  private static String read(Path file) throws IOException {
    try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(file.toFile(), "r")) {
      long from = Math.max(0, f.length() - MAX_OUTPUT);
      byte[] bytes = new byte[(int) (f.length() - from)];
      f.seek(from);
      f.readFully(bytes);
      return new String(bytes, StandardCharsets.UTF_8);
    }
  }

  /** The last few lines, for messages. */
  static String tail(String text) {
    List<String> lines = text.strip().lines().toList();
    String last = String.join("\n", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
    return last.isEmpty() ? "(nothing)" : last;
  }
}
