package dev.trafficlight.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code demo --exit} plays every example case with simulated clients, over real HTTP and through
 * Matrix rooms on the in-process homeserver in one run, and one case fails on purpose.
 */
class DemoCommandTest {
  private static final Pattern RESULT = Pattern.compile("^  (passed|failed|error) +(\\S.*\\]) +\\(", Pattern.MULTILINE);

  @TempDir
  Path dir;

  @Test
  void with_matrix_clients_in_the_mix_every_example_case_passes_and_the_one_meant_to_fail_fails_with_its_report_and_logs()
      throws Exception {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    picocli.CommandLine cli = Main.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int code = cli.execute("demo", "--exit", "--port", "0", "--pace", "0s", "--data", dir.toString());

    assertEquals(0, code, out + "\n" + err);
    assertTrue(Pattern.compile("[1-9]\\d* of them \\(hydrogen-web\\) drive through Matrix rooms on the homeserver at "
        + "http://127\\.0\\.0\\.1:").matcher(out.toString()).find(), out.toString());
    Map<String, String> outcomes = outcomes(out.toString());
    assertEquals(19, outcomes.size(), out.toString());
    outcomes.forEach((kase, outcome) ->
        assertEquals(kase.startsWith("fails_on_purpose[") ? "failed" : "passed", outcome, kase + "\n" + out));
    assertTrue(out.toString().contains("reported an action failure at step 'bob_expects_old_history': "
        + "'sent before bob was invited' is not in @bob_"), out.toString());

    Path failed = dir.resolve("cases/fails_on_purpose_element-web__hydrogen-web_");
    assertEquals(List.of("simulated-element-web.log", "simulated-hydrogen-web.log"),
        logsUnder(failed).stream().map(p -> p.getFileName().toString()).sorted().toList(),
        "both members shared a log after the exit, the HTTP client as an upload and the Matrix client as a file message");
    String bobsLog = Files.readString(logsUnder(failed).stream()
        .filter(p -> p.getFileName().toString().equals("simulated-hydrogen-web.log")).findFirst().orElseThrow());
    assertTrue(bobsLog.contains("registered over matrix") && bobsLog.contains("exit: case fails_on_purpose"), bobsLog);
    String proxyLog = Files.readString(logsUnder(dir.resolve("cases/network_proxy_network-proxy__element-web_")).stream()
        .filter(p -> p.getFileName().toString().equals("simulated-network-proxy.log")).findFirst().orElseThrow());
    assertTrue(proxyLog.matches("(?s).*refused [1-9]\\d* requests to /_matrix/client/r0/sync.*"), proxyLog);
  }

  private static Map<String, String> outcomes(String output) {
    String results = output.substring(output.indexOf("\nResults\n"));
    Matcher m = RESULT.matcher(results);
    Map<String, String> outcomes = new java.util.TreeMap<>();
    while (m.find()) outcomes.put(m.group(2), m.group(1));
    return outcomes;
  }

  private static List<Path> logsUnder(Path folder) throws Exception {
    try (Stream<Path> files = Files.walk(folder)) {
      return files.filter(Files::isRegularFile).collect(Collectors.toList());
    }
  }
}
