package dev.trafficlight.cli;

import dev.trafficlight.core.catalogue.Catalogue;
import dev.trafficlight.core.catalogue.CatalogueCheck;
import dev.trafficlight.core.scenario.CaseDefinition;
import dev.trafficlight.core.scenario.Scenario;
import dev.trafficlight.core.scenario.ScenarioException;
import dev.trafficlight.core.scenario.ScenarioReader;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Loads scenarios and prints each with its cases; reports every invalid file as {@code file:line: message},
 * and what the action catalogue finds doubtful as {@code file:line: warning: message}.
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
    description = {"Check scenario files and list the cases each expands into.",
        "Actions are checked against the action catalogue (see 'trafficlight catalogue'): a missing required data field "
            + "or a value of the wrong type is an error; an unknown action, or a branch on a word the action never "
            + "answers, is a warning. Warnings do not fail validate."})
final class ValidateCommand implements Callable<Integer> {
  @Parameters(arity = "0..1", defaultValue = "examples/scenarios", description = "Scenario folder or file (default: ${DEFAULT-VALUE}).")
  Path target;

  @Mixin
  CatalogueOption catalogue = new CatalogueOption();

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
    Catalogue catalogue = this.catalogue.load(err);
    List<ScenarioException> problems = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    for (Scenario scenario : ScenarioReader.readEach(target, new CatalogueCheck(catalogue), problems::add,
        warning -> warnings.add(warning.toString()))) {
      List<CaseDefinition> cases = CaseDefinition.expand(scenario);
      out.println(scenario.source() + ": " + scenario.name() + " — " + Reports.count(scenario.steps().size(), "step") + ", "
          + Reports.count(cases.size(), "case"));
      cases.forEach(c -> out.println("  " + c.id()));
    }
    warnings.forEach(err::println);
    problems.forEach(problem -> err.println(problem.getMessage()));
    out.flush();
    err.flush();
    return problems.isEmpty() ? 0 : 1;
  }
}
