package dev.trafficlight.cli;

import dev.trafficlight.core.view.CaseState;
import dev.trafficlight.core.view.CaseView;
import dev.trafficlight.core.engine.Coordinator;
import dev.trafficlight.core.Durations;
import dev.trafficlight.demo.SimulatedFleet;
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

  @Option(names = "--simulate", description = "Dry run: play every case with simulated clients in a simulated chat world "
      + "instead of waiting for real ones (see README, \"Trying scenarios without devices\").")
  boolean simulate;

  @Option(names = "--pace", defaultValue = "0s", description = "With --simulate: how long a simulated client takes per action "
      + "(default: ${DEFAULT-VALUE}).")
  String pace;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    Duration limit = Durations.parse(timeout);
    PrintWriter out = spec.commandLine().getOut();
    try (TrafficlightServer server = options.start(new CaseLog(out));
         SimulatedFleet fleet = simulate ? SimulatedFleet.start(options.baseUrl(server.port()), server.coordinator().scenarios(),
             server.coordinator().settings().homeservers(), Durations.parse(pace)) : null) {
      List<CaseView> queued = server.coordinator().cases();
      if (queued.isEmpty()) {
        spec.commandLine().getErr().println("no cases to run in " + options.scenarios);
        return 2;
      }
      out.println("Running " + Reports.count(queued.size(), "case") + "; clients use TRAFFICLIGHT_URL=" + options.baseUrl(server.port()));
      if (fleet != null) {
        out.println("Simulating: " + fleet.size() + " simulated clients play every case");
        fleet.unplayable().forEach(line -> out.println("  cannot simulate: " + line));
      }
      out.flush();
      ShutdownReport shutdown = new ShutdownReport(server, out);
      Runtime.getRuntime().addShutdownHook(shutdown);
      awaitEveryCase(server.coordinator(), limit, "run timed out after " + timeout);
      Linger.untilUploadsSettle(server.coordinator(), Durations.parse(linger));
      if (!shutdown.claimReport()) {
        Thread.sleep(Long.MAX_VALUE); // a signal came first: the hook reports and ends the process
      }
      try {
        return report(server, out);
      } finally {
        shutdown.reported();
      }
    }
  }

  private int report(TrafficlightServer server, PrintWriter out) throws java.io.IOException {
    List<CaseView> results = server.coordinator().cases();
    if (junit != null) {
      Reports.writeJUnit(results, junit);
      out.println("JUnit XML: " + junit);
    }
    Reports.summary(results, out);
    out.flush();
    server.retireJournal(); // reported: the next run on this --data starts fresh
    return results.stream().allMatch(c -> c.state() == CaseState.PASSED) ? 0 : 1;
  }

  /**
   * On SIGTERM or Ctrl-C before the run has reported: ends every open case as {@code error}
   * ("coordinator shut down"), which tells every client to exit and answers held polls, gives
   * the exits a moment to reach their clients, writes the JUnit file and the summary, and ends
   * the process with {@link #INTERRUPTED}, so nothing that finished is lost.
   */
  private final class ShutdownReport extends Thread {
    private final TrafficlightServer server;
    private final PrintWriter out;
    private final java.util.concurrent.atomic.AtomicBoolean claimed = new java.util.concurrent.atomic.AtomicBoolean();
    private final java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);

    ShutdownReport(TrafficlightServer server, PrintWriter out) {
      super("run-shutdown");
      this.server = server;
      this.out = out;
    }

    boolean claimReport() {
      return claimed.compareAndSet(false, true);
    }

    void reported() {
      done.countDown();
    }

    @Override
    public void run() {
      try {
        if (!claimReport()) {
          done.await(30, java.util.concurrent.TimeUnit.SECONDS); // the run is reporting: let it finish
          return;
        }
        out.println("shutting down: open cases end as error");
        server.coordinator().shutDown("coordinator shut down");
        Linger.untilUploadsSettle(server.coordinator(), Duration.ofSeconds(2));
        report(server, out);
        server.close(); // gives back the servers made for cases
      } catch (Exception e) {
        e.printStackTrace();
      }
      out.flush();
      Runtime.getRuntime().halt(INTERRUPTED);
    }
  }

  /** The exit code of a run ended by a signal before every case ended. */
  static final int INTERRUPTED = 3;

  /** Waits until every case has ended; past the limit, ends those still open with the reason given. */
  static void awaitEveryCase(Coordinator coordinator, Duration limit, String reason) throws InterruptedException {
    Instant deadline = Instant.now().plus(limit);
    while (!coordinator.allEnded()) {
      if (Instant.now().isAfter(deadline)) {
        coordinator.abortAll(reason);
        return;
      }
      Thread.sleep(100);
    }
  }
}
