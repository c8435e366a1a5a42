package dev.trafficlight.cli;

import dev.trafficlight.core.scenario.ScenarioException;
import io.javalin.util.JavalinBindException;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code java -jar trafficlight.jar <demo|serve|run|validate|graph|catalogue>}. */
@Command(name = "trafficlight", mixinStandardHelpOptions = true, version = Main.VERSION,
    description = "Coordinates cross-client tests of real chat clients.",
    subcommands = {DemoCommand.class, ServeCommand.class, RunCommand.class, ValidateCommand.class, GraphCommand.class,
        CatalogueCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
  /** What {@code --version} prints, for the top command and every subcommand. */
  static final String VERSION = "trafficlight 0.1.0";

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new Main()).setExecutionExceptionHandler(Main::explain);
    cli.getSubcommands().values().forEach(sub -> sub.getCommandSpec().version(VERSION));
    return cli;
  }

  /** A bad scenario, config file or path is the user's to fix: say what, without a stack trace. */
  private static int explain(Exception e, CommandLine command, CommandLine.ParseResult parsed) throws Exception {
    if (e instanceof JavalinBindException) {
      command.getErr().println("trafficlight " + command.getCommandName() + ": " + Ports.IN_USE + " (" + e.getMessage() + ")");
      return 2;
    }
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
