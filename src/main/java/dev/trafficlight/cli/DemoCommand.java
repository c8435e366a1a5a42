package dev.trafficlight.cli;

import dev.trafficlight.core.view.CaseState;
import dev.trafficlight.core.view.CaseView;
import dev.trafficlight.core.view.CoordinatorQuery;
import dev.trafficlight.core.Durations;
import dev.trafficlight.core.catalogue.Catalogue;
import dev.trafficlight.core.scenario.Scenario;
import dev.trafficlight.demo.DemoScenarios;
import dev.trafficlight.demo.MatrixDrivers;
import dev.trafficlight.demo.SimulatedFleet;
import dev.trafficlight.server.ServerConfig;
import dev.trafficlight.core.scenario.Selection;
import dev.trafficlight.server.Persistence;
import dev.trafficlight.server.TrafficlightServer;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Serves the example scenarios to simulated clients in this process, so a whole run can be watched. */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = {"Serve the example scenarios, and one that fails on purpose, to simulated clients that share a small "
        + "simulated chat world; watch the status page as the cases run.",
        "The clients speak the real HTTP wire, and those of the types --matrix names drive through Matrix rooms on a "
            + "homeserver in this process; nothing outside this process is needed."})
final class DemoCommand implements Callable<Integer> {
  /** The demo should never hang a test or a terminal for good. */
  private static final Duration LIMIT = Duration.ofMinutes(10);

  @Option(names = "--port", defaultValue = "5000", description = "Port to listen on; 0 picks a free one (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
  String host;

  @Option(names = "--pace", defaultValue = "500ms", description = "How long each simulated client takes per action, "
      + "so cases move at a pace a person can follow (default: ${DEFAULT-VALUE}; 0s for full speed).")
  String pace;

  @Option(names = "--exit", description = "Stop when every case has ended (exit code 0 when each ended as the demo intends) "
      + "instead of serving the status page until interrupted.")
  boolean exit;

  @Option(names = "--matrix", defaultValue = "hydrogen-web", split = ",", paramLabel = "TYPE",
      description = "Client types whose simulated clients drive through Matrix rooms, on a homeserver in this process, "
          + "instead of HTTP; 'none' for HTTP only (default: ${DEFAULT-VALUE}).")
  Set<String> matrixTypes;

  @Option(names = "--data", description = "Folder for the clients' uploaded logs (default: a new temporary folder).")
  Path data;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    // The terminal tells of cases; a line per stored log would drown them (read before the first log line).
    System.setProperty("org.slf4j.simpleLogger.log.dev.trafficlight.http", "warn");
    System.setProperty("org.slf4j.simpleLogger.log.dev.trafficlight.matrix", "warn");
    PrintWriter out = spec.commandLine().getOut();
    List<Scenario> scenarios = DemoScenarios.load();
    Path dataDir = data != null ? data : Files.createTempDirectory("trafficlight-demo");
    Ports.checkFree(host, port);
    Set<String> overMatrix = matrixTypes.contains("none") ? Set.of() : matrixTypes;
    try (DemoMatrix matrix = overMatrix.isEmpty() ? null : DemoMatrix.start(overMatrix, dataDir)) {
      ServerConfig defaults = ServerConfig.defaults();
      ServerConfig config = new ServerConfig(defaults.engine(), defaults.http(), matrix == null ? null : matrix.configSection());
      return play(config, matrix == null ? MatrixDrivers.none() : matrix.drivers(), scenarios, dataDir, out);
    }
  }

  private int play(ServerConfig config, MatrixDrivers drivers, List<Scenario> scenarios, Path dataDir, PrintWriter out)
      throws Exception {
    try (TrafficlightServer server = TrafficlightServer.start(config, scenarios, Selection.all(), Catalogue.builtIn(), host, port,
        dataDir, Persistence.NONE, new CaseLog(out));
         SimulatedFleet fleet = SimulatedFleet.start("http://" + host + ":" + server.port(), drivers, scenarios,
             config.engine().homeservers(), Durations.parse(pace))) {
      out.println("Demo: " + Reports.count(server.coordinator().cases().size(), "case") + " of "
          + Reports.count(scenarios.size(), "scenario") + ", played by " + fleet.size() + " simulated clients; '"
          + DemoScenarios.FAILS_ON_PURPOSE + "' fails on purpose.");
      out.println(transports(drivers, fleet));
      out.println("Status page: http://" + host + ":" + server.port() + "/status");
      out.println("Uploaded logs: " + dataDir);
      out.flush();
      RunCommand.awaitEveryCase(server.coordinator(), LIMIT, "the demo took longer than " + LIMIT.toMinutes() + " minutes");
      Linger.untilUploadsSettle(server.coordinator(), Duration.ofSeconds(10));
      awaitEveryLog(server.coordinator(), Duration.ofSeconds(10));
      List<CaseView> results = server.coordinator().cases();
      Reports.summary(results, out);
      boolean intended = results.stream().allMatch(DemoCommand::endedAsIntended);
      out.println(intended ? "Every case ended as the demo intends: all passed but " + DemoScenarios.FAILS_ON_PURPOSE + "."
          : "Some case did not end as the demo intends; see above.");
      out.flush();
      if (!exit) {
        out.println("The status page stays up until you press Ctrl-C.");
        out.flush();
        new CountDownLatch(1).await();
      }
      return intended ? 0 : 1;
    }
  }

  private static String transports(MatrixDrivers drivers, SimulatedFleet fleet) {
    String types = String.join(", ", new TreeSet<>(drivers.types()));
    if (drivers.types().isEmpty()) return "Every client speaks HTTP.";
    if (fleet.overMatrix() == 0) return "No simulated client is of the types --matrix names (" + types + "): every client speaks HTTP.";
    return fleet.overMatrix() + " of them (" + types + ") drive through Matrix rooms on the homeserver at "
        + drivers.homeserverUrl() + "; the others speak HTTP.";
  }

  /**
   * Each simulated client uploads one log per case after its exit; one that drives over Matrix
   * shares it through the homeserver, a hop later than over HTTP, so the demo waits for every log
   * before it reports (at most {@code limit}).
   */
  private static void awaitEveryLog(CoordinatorQuery coordinator, Duration limit) throws InterruptedException {
    long end = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < end
        && coordinator.cases().stream().anyMatch(kase -> kase.artifacts().size() < kase.members().size())) {
      Thread.sleep(50);
    }
  }

  private static boolean endedAsIntended(CaseView kase) {
    CaseState intended = kase.scenario().equals(DemoScenarios.FAILS_ON_PURPOSE) ? CaseState.FAILED : CaseState.PASSED;
    return kase.state() == intended;
  }
}
