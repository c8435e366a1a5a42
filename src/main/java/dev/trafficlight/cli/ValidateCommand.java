package dev.trafficlight.cli;

import dev.trafficlight.core.scenario.CaseDefinition;
import dev.trafficlight.core.scenario.Scenario;
import dev.trafficlight.core.scenario.ScenarioException;
import dev.trafficlight.core.scenario.ScenarioReader;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Loads scenarios and prints each with its cases; reports every invalid file as {@code file:line: message}. */
@Command(name = "validate", mixinStandardHelpOptions = true,
    description = "Check scenario files and list the cases each expands into.")
final class ValidateCommand implements Callable<Integer> {
  @Parameters(arity = "0..1", defaultValue = "examples/scenarios", description = "Scenario folder or file (default: ${DEFAULT-VALUE}).")
  Path target;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (!Files.exists(target)) {
      err.println(target + ": no such file or folder");
      return 2;
    }
    int invalid = 0;
    Map<String, Path> names = new HashMap<>();
    for (Path file : files()) {
      try {
        Scenario scenario = ScenarioReader.read(file);
        Path taken = names.putIfAbsent(scenario.name(), file);
        if (taken != null) {
          throw new ScenarioException(file.toString(), 0, "the scenario name '" + scenario.name() + "' is taken by "
              + taken + "; names must be unique");
        }
        List<CaseDefinition> cases = CaseDefinition.expand(scenario);
        out.println(file + ": " + scenario.name() + " — " + scenario.steps().size() + " steps, " + cases.size() + " cases");
        cases.forEach(c -> out.println("  " + c.id()));
      } catch (ScenarioException e) {
        err.println(e.getMessage());
        invalid++;
      }
    }
    out.flush();
    err.flush();
    return invalid == 0 ? 0 : 1;
  }

  private List<Path> files() throws java.io.IOException {
    if (!Files.isDirectory(target)) return List.of(target);
    try (Stream<Path> list = Files.list(target)) {
      return new ArrayList<>(list.filter(ScenarioReader::isScenarioFile).sorted().toList());
    }
  }
}
