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

  @Option(names = "--timeout", description = "End the whole run after this long (e.g. 30m); unfinished cases end as error.")
  String timeout;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    Duration limit = timeout == null ? null : Durations.parse(timeout);
    PrintWriter out = spec.commandLine().getOut();
    try (TrafficlightServer server = options.start()) {
      server.coordinator().addListener(new CaseLog(out));
      List<CaseView> queued = server.coordinator().cases();
      if (queued.isEmpty()) {
        spec.commandLine().getErr().println("no cases to run in " + options.scenarios);
        return 2;
      }
      out.println("Running " + queued.size() + " cases; clients use TRAFFICLIGHT_URL=" + options.baseUrl(server.port()));
      Instant deadline = limit == null ? null : Instant.now().plus(limit);
      while (!server.coordinator().allEnded()) {
        if (deadline != null && Instant.now().isAfter(deadline)) {
          server.coordinator().abortAll("run timed out after " + timeout);
          break;
        }
        Thread.sleep(100);
      }
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
