package dev.trafficlight.bench.load;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The coordinator as users run it, {@code java -jar trafficlight.jar ...}, in a process of its own,
 * so that its memory, threads and CPU can be read from {@code /proc} apart from the load.
 */
final class ServerProcess implements AutoCloseable {
  final Process process;
  final int port;
  /** From starting the process to the first request it answered. */
  final long readyMillis;

  private ServerProcess(Process process, int port, long readyMillis) {
    this.process = process;
    this.port = port;
    this.readyMillis = readyMillis;
  }

  /** Starts {@code serve} (or another command) on a free port and waits until it answers. */
  static ServerProcess start(Path jar, String command, Path scenarios, String config, String... extra) throws Exception {
    int port = freePort();
    Path dir = Files.createTempDirectory("tl-load");
    Path configFile = dir.resolve("config.yaml");
    Files.writeString(configFile, config == null ? "{}" : config);
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    cmd.addAll(List.of(System.getProperty("load.jvm", "").split(" ")).stream().filter(s -> !s.isBlank()).toList());
    cmd.addAll(List.of("-jar", jar.toString(), command, "--port", String.valueOf(port), "--scenarios", scenarios.toString(),
        "--config", configFile.toString(), "--data", dir.resolve("data").toString()));
    cmd.addAll(List.of(extra));
    long start = System.nanoTime();
    Process process = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(dir.resolve("out.log").toFile()).start();
    while (true) {
      try (RawHttp http = new RawHttp("127.0.0.1", port)) {
        if (http.get("/client/ready-probe/poll?timeout=0").status() == 200) break;
      } catch (IOException notYet) {
        if (!process.isAlive()) throw new IllegalStateException("server died: " + Files.readString(dir.resolve("out.log")));
        Thread.sleep(5);
      }
    }
    return new ServerProcess(process, port, (System.nanoTime() - start) / 1_000_000);
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  RawHttp connect() throws IOException {
    return new RawHttp("127.0.0.1", port);
  }

  /** Resident memory in MB. */
  long rssMb() throws IOException {
    return status("VmRSS:") / 1024;
  }

  long threads() throws IOException {
    return status("Threads:");
  }

  /** CPU time used so far (user + system), in ms. */
  long cpuMillis() throws IOException {
    String[] f = Files.readString(Path.of("/proc/" + process.pid() + "/stat")).split("\\) ", 2)[1].split(" ");
    long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
    return ticks * 10;
  }

  private long status(String key) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"), StandardCharsets.UTF_8)) {
      if (line.startsWith(key)) return Long.parseLong(line.substring(key.length()).trim().split("\\s+")[0]);
    }
    return -1;
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly();
  }
}
