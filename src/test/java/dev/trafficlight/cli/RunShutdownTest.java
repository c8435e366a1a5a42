package dev.trafficlight.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trafficlight.testing.Adapter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SIGTERM on {@code run}: what finished is reported, what was open ends as error, every client hears exit. */
class RunShutdownTest {

  @Test
  void sigterm_writes_the_junit_file_and_summary_and_tells_every_client_to_exit(@TempDir Path dir) throws Exception {
    Path scenarios = Files.createDirectories(dir.resolve("scenarios"));
    Files.writeString(scenarios.resolve("quick.yaml"), "roles: {alice: element-web}\nsteps: [{do: {alice: reload}}]\n");
    Files.writeString(scenarios.resolve("pair.yaml"), "roles: {alice: element-web, bob: hydrogen-web}\n"
        + "steps: [{do: {alice: reload}}, {do: {bob: reload}}]\n");
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Path junit = dir.resolve("junit.xml");
    Path log = dir.resolve("out.log");
    Process run = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "dev.trafficlight.cli.Main", "run", "--port", String.valueOf(port),
        "--scenarios", scenarios.toString(), "--data", dir.resolve("data").toString(), "--junit", junit.toString())
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      String url = "http://127.0.0.1:" + port;
      Adapter quick = new Adapter(url, "quick-alice");
      for (int i = 0; i < 200 && registerOrNot(quick); i++) Thread.sleep(50);
      assertEquals("reload", quick.poll(5000).action());
      quick.respond("{\"response\": \"done\"}");
      assertEquals("exit", quick.poll(5000).action(), "the one-role case passed");

      Adapter alice = new Adapter(url, "pair-alice");
      alice.register("element-web", "1");
      java.net.Socket held = new java.net.Socket("127.0.0.1", port);
      held.setSoTimeout(10_000);
      held.getOutputStream().write("GET /client/pair-alice/poll?timeout=60000 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
          .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      Thread.sleep(300);
      run.destroy(); // SIGTERM

      assertTrue(run.waitFor(20, TimeUnit.SECONDS), "run ends soon after SIGTERM");
      assertEquals(RunCommand.INTERRUPTED, run.exitValue(), Files.readString(log));
      String reply = new String(held.getInputStream().readNBytes(400), java.nio.charset.StandardCharsets.UTF_8);
      assertTrue(reply.contains("\"action\":\"exit\""), "a waiting client's held poll hears exit: " + reply);
      held.close();
      String xml = Files.readString(junit);
      assertTrue(xml.contains("quick"), xml);
      assertTrue(xml.contains("coordinator shut down"), "open cases end as error with the reason: " + xml);
      String out = Files.readString(log);
      assertTrue(out.contains("shutting down"), out);
      assertTrue(List.of(out.split("\n")).stream().anyMatch(l -> l.startsWith("passed") && l.contains("quick")), out);
      assertTrue(Files.exists(dir.resolve("data").resolve("journal.previous.jsonl")), "the reported run's journal is kept aside");
      assertTrue(Files.notExists(dir.resolve("data").resolve("journal.jsonl")), "so the next run on this --data starts fresh");
    } finally {
      run.destroyForcibly();
    }
  }

  private static boolean registerOrNot(Adapter adapter) {
    try {
      return adapter.register("element-web", "1").status() != 200;
    } catch (RuntimeException notYetListening) {
      return true;
    }
  }
}
