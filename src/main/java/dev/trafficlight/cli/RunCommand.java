package dev.trafficlight.cli;

import dev.trafficlight.core.view.CaseState;
import dev.trafficlight.core.engine.Coordinator;
import dev.trafficlight.core.view.CaseView;
import dev.trafficlight.core.view.ClientView;
import dev.trafficlight.core.Durations;
import dev.trafficlight.server.TrafficlightServer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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
  /** Adapters upload their logs right after they hear exit. */
  private static final Duration UPLOAD_MOMENT = Duration.ofSeconds(2);

  @Mixin
  ServerOptions options;

  @Option(names = "--junit", description = "Write the results as JUnit XML to this file.")
  Path junit;

  @Option(names = "--timeout", description = "End the whole run after this long (e.g. 30m); unfinished cases end as error.")
  String timeout;

  @Option(names = "--linger", defaultValue = "10s", description = "After the last case ends, keep serving up to this long "
      + "so every client hears its exit and can upload its logs (default: ${DEFAULT-VALUE}).")
  String linger;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    Duration limit = timeout == null ? null : Durations.parse(timeout);
    PrintWriter out = spec.commandLine().getOut();
    try (TrafficlightServer server = options.start(new CaseLog(out))) {
      // Interrupted, the run still ends its cases and gives their servers back.
      Thread hook = new Thread(server::close);
      Runtime.getRuntime().addShutdownHook(hook);
      try {
        return runTo(server, limit, out);
      } finally {
        try {
          Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
          // the hook is running: it closes the server
        }
      }
    }
  }

  /** Serves until every case has ended (or the limit passes), then reports; the exit code. */
  private int runTo(TrafficlightServer server, Duration limit, PrintWriter out) throws Exception {
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
    linger(server.coordinator(), Durations.parse(linger));
    List<CaseView> results = server.coordinator().cases();
    if (junit != null) {
      Reports.writeJUnit(results, junit);
      out.println("JUnit XML: " + junit);
    }
    Reports.summary(results, out);
    out.flush();
    return results.stream().allMatch(c -> c.state() == CaseState.PASSED) ? 0 : 1;
  }

  /** Waits until every client of an ended case has been handed its exit, then a moment for uploads. */
  private static void linger(Coordinator coordinator, Duration grace) throws InterruptedException {
    Instant until = Instant.now().plus(grace);
    while (Instant.now().isBefore(until) && !everyoneToldExit(coordinator)) {
      Thread.sleep(100);
    }
    Duration left = Duration.between(Instant.now(), until);
    Thread.sleep(Math.max(0, Math.min(UPLOAD_MOMENT.toMillis(), left.toMillis())));
  }

  private static boolean everyoneToldExit(Coordinator coordinator) {
    Set<String> told = new HashSet<>();
    // A client whose case never got its servers went back to idle: it has no exit to hear.
    coordinator.clients().stream().filter(c -> c.toldExit() || c.state().equals("idle")).forEach(c -> told.add(c.uuid()));
    return coordinator.cases().stream().flatMap(c -> c.members().values().stream()).allMatch(m -> told.contains(m.uuid()));
  }
}
