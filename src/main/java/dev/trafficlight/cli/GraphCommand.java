package dev.trafficlight.cli;

import dev.trafficlight.core.scenario.Scenario;
import dev.trafficlight.core.scenario.ScenarioException;
import dev.trafficlight.core.scenario.ScenarioReader;
import dev.trafficlight.status.StateMachineGraph;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code graph FILE}: prints a scenario's state machine for Graphviz or Mermaid. */
@Command(name = "graph", mixinStandardHelpOptions = true,
    description = {"Prints a scenario's state machine as Graphviz DOT or Mermaid.",
        "Example: trafficlight graph examples/scenarios/federation.yaml | dot -Tsvg > federation.svg"})
public final class GraphCommand implements Callable<Integer> {
  /** The two picture languages. */
  public enum Format { dot, mermaid }

  @Parameters(paramLabel = "FILE", description = "the scenario file (YAML or JSON)")
  Path file;

  @Option(names = "--format", defaultValue = "dot", description = "dot or mermaid (default: ${DEFAULT-VALUE})")
  Format format;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Scenario scenario;
    try {
      scenario = ScenarioReader.read(file);
    } catch (ScenarioException e) {
      err.println(e.getMessage());
      return 1;
    } catch (IOException e) {
      err.println("cannot read " + file + ": " + e.getMessage());
      return 1;
    }
    out.print(format == Format.mermaid ? StateMachineGraph.mermaid(scenario) : StateMachineGraph.dot(scenario));
    out.flush();
    return 0;
  }
}
