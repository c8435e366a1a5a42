package dev.trafficlight.cli;

import dev.trafficlight.core.catalogue.Catalogue;
import dev.trafficlight.core.catalogue.CatalogueCheck;
import dev.trafficlight.core.view.CoordinatorListener;
import dev.trafficlight.core.scenario.Scenario;
import dev.trafficlight.core.scenario.ScenarioReader;
import dev.trafficlight.core.scenario.Selection;
import dev.trafficlight.server.Persistence;
import dev.trafficlight.server.ServerConfig;
import dev.trafficlight.server.TrafficlightServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The options {@code serve} and {@code run} share. */
final class ServerOptions {
  @Option(names = "--scenarios", defaultValue = "examples/scenarios", description = "Scenario folder or file (default: ${DEFAULT-VALUE}).")
  Path scenarios;

  @Option(names = "--port", defaultValue = "5000", description = "Port to listen on; 0 picks a free one (default: ${DEFAULT-VALUE}, the adapters' default).")
  int port;

  @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to listen on; 0.0.0.0 for every interface (default: ${DEFAULT-VALUE}).")
  String host;

  @Option(names = "--config", description = "YAML file: homeservers, timeouts, http, matrix.")
  Path config;

  @Option(names = "--data", defaultValue = "trafficlight-data", description = "Folder for uploads, results and known clients; "
      + "a coordinator started again on it takes them back (default: ${DEFAULT-VALUE}).")
  Path data;

  @Option(names = "--rerun-interrupted", description = "Cases that were running when the coordinator on this --data stopped "
      + "wait again and run, first with the clients that had them, instead of staying interrupted.")
  boolean rerunInterrupted;

  @Option(names = "--types", paramLabel = "[NAME=]TYPE,...", description = {"Choose types at run time: alice=element-web,hydrogen-web "
      + "replaces the types of role (or server) alice; element-web,hydrogen-web narrows every role and server to those it lists. "
      + "Repeatable; default: $TRAFFICLIGHT_TYPES (entries separated by ';')."})
  List<String> types;

  @Option(names = "--cases", paramLabel = "PATTERN", description = {"Run only the cases whose id matches; * stands for any text, "
      + "e.g. 'federation[*dendrite]'. Repeatable; default: $TRAFFICLIGHT_CASE_IDS (patterns separated by ';')."})
  List<String> cases;

  @Mixin
  CatalogueOption catalogue = new CatalogueOption();

  @Spec(Spec.Target.MIXEE)
  CommandSpec command;

  TrafficlightServer start(CoordinatorListener... listeners) throws IOException {
    ServerConfig serverConfig = config == null ? ServerConfig.defaults() : ServerConfig.read(config);
    PrintWriter err = command.commandLine().getErr();
    Catalogue catalogue = this.catalogue.load(err);
    List<Scenario> loaded = ScenarioReader.readAll(scenarios, new CatalogueCheck(catalogue), warning -> err.println(warning));
    err.flush();
    Ports.checkFree(host, port);
    return TrafficlightServer.start(serverConfig, loaded, selection(), catalogue, host, port, data,
        rerunInterrupted ? Persistence.KEEP_AND_RERUN_INTERRUPTED : Persistence.KEEP, listeners);
  }

  /** The run's choice of types and cases: the options, else the environment. */
  Selection selection() {
    return Selection.parse(types != null ? types : fromEnv("TRAFFICLIGHT_TYPES"), cases != null ? cases : fromEnv("TRAFFICLIGHT_CASE_IDS"));
  }

  private static List<String> fromEnv(String name) {
    String value = System.getenv(name);
    return value == null ? List.of() : List.of(value);
  }

  /** The address people type: 0.0.0.0 means "this machine". */
  String baseUrl(int actualPort) {
    String shown = host.equals("0.0.0.0") || host.equals("::") ? "localhost" : host;
    return "http://" + shown + ":" + actualPort;
  }
}
