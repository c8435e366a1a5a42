package dev.trafficlight.cli;

import dev.trafficlight.core.engine.CaseState;
import dev.trafficlight.core.engine.CaseView;
import dev.trafficlight.core.scenario.Durations;
import dev.trafficlight.server.TrafficlightServer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** CI mode: serve until every case has ended, then report; exit 0 only if all passed. */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Serve until every case has ended, print a summary, optionally write JUnit XML; exit 0 only if all passed.")
final class RunCommand implements Callable<Integer> {
  @Mixin
  ServerOptions options;

  @Option(names = "--junit", description = "Write the results as JUnit XML to this file.")
  Path junit;

  @Option(names = "--timeout", defaultValue = "30m",
      description = "End the whole run after this long; unfinished cases end as error (default: ${DEFAULT-VALUE}).")
  String timeout;

  @Option(names = "--linger", defaultValue = "10s", description = "After the last case ends, keep serving up to this long "
      + "so every client hears its exit and can upload its logs (default: ${DEFAULT-VALUE}).")
  String linger;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    Duration limit = Durations.parse(timeout);
    PrintWriter out = spec.commandLine().getOut();
    try (TrafficlightServer server = options.start(new CaseLog(out))) {
      List<CaseView> queued = server.coordinator().cases();
      if (queued.isEmpty()) {
        spec.commandLine().getErr().println("no cases to run in " + options.scenarios);
        return 2;
      }
      out.println("Running " + Reports.count(queued.size(), "case") + "; clients use TRAFFICLIGHT_URL=" + options.baseUrl(server.port()));
      Instant deadline = Instant.now().plus(limit);
      while (!server.coordinator().allEnded()) {
        if (Instant.now().isAfter(deadline)) {
          server.coordinator().abortAll("run timed out after " + timeout);
          break;
        }
        Thread.sleep(100);
      }
      Linger.untilUploadsSettle(server.coordinator(), Durations.parse(linger));
      List<CaseView> results = server.coordinator().cases();
      if (junit != null) {
        Reports.writeJUnit(results, junit);
        out.println("JUnit XML: " + junit);
      }
      Reports.summary(results, out);
      out.flush();
      return results.stream().allMatch(c -> c.state() == CaseState.PASSED) ? 0 : 1;
    }
  }
}
