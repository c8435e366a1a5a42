package dev.trafficlight.cli;

import dev.trafficlight.core.scenario.ScenarioException;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code java -jar trafficlight.jar <serve|run|validate|graph>}. */
@Command(name = "trafficlight", mixinStandardHelpOptions = true, version = "trafficlight 0.1.0",
    description = "Coordinates cross-client tests of real chat clients.",
    subcommands = {ServeCommand.class, RunCommand.class, ValidateCommand.class, GraphCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  static CommandLine commandLine() {
    return new CommandLine(new Main()).setExecutionExceptionHandler(Main::explain);
  }

  /** A bad scenario, config file or path is the user's to fix: say what, without a stack trace. */
  private static int explain(Exception e, CommandLine command, CommandLine.ParseResult parsed) throws Exception {
    if (e instanceof ScenarioException || e instanceof IllegalArgumentException || e instanceof IOException) {
      String message = e instanceof NoSuchFileException ? "no such file or folder: " + e.getMessage() : e.getMessage();
      command.getErr().println("trafficlight " + command.getCommandName() + ": " + message);
      return 2;
    }
    throw e;
  }

  @Override
  public void run() {
    commandLine().usage(System.out);
  }
}
