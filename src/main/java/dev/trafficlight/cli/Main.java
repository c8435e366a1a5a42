package dev.trafficlight.cli;

import dev.trafficlight.core.scenario.ScenarioException;
import io.javalin.util.JavalinBindException;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code java -jar trafficlight.jar <demo|serve|run|validate|graph|catalogue>}. */
@Command(name = "trafficlight", mixinStandardHelpOptions = true, version = Main.VERSION,
    description = "Coordinates cross-client tests of real chat clients.")
public final class Main implements Runnable {
  /** What {@code --version} prints, for the top command and every subcommand. */
  static final String VERSION = "trafficlight 0.1.0";

  /** The subcommands in the order help lists them. */
  private static final Map<String, Supplier<Object>> SUBCOMMANDS = subcommands();

  public static void main(String[] args) {
    System.exit(commandLine(args).execute(args));
  }

  /** Every subcommand, for help and tests. */
  static CommandLine commandLine() {
    return commandLine(new String[0]);
  }

  /**
   * The command line for these arguments. Only the subcommand they name is built when they name
   * one: each costs start-up time in reflection, and a {@code serve} needs none of the others.
   */
  static CommandLine commandLine(String[] args) {
    CommandLine cli = new CommandLine(new Main()).setExecutionExceptionHandler(Main::explain);
    Supplier<Object> named = args.length > 0 && !args[0].equals("help") ? SUBCOMMANDS.get(args[0]) : null;
    if (named != null) {
      cli.addSubcommand(args[0], named.get());
    } else {
      SUBCOMMANDS.forEach((name, command) -> cli.addSubcommand(name, command.get()));
    }
    cli.getSubcommands().values().forEach(sub -> sub.getCommandSpec().version(VERSION));
    return cli;
  }

  private static Map<String, Supplier<Object>> subcommands() {
    Map<String, Supplier<Object>> all = new LinkedHashMap<>();
    all.put("demo", DemoCommand::new);
    all.put("serve", ServeCommand::new);
    all.put("run", RunCommand::new);
    all.put("validate", ValidateCommand::new);
    all.put("graph", GraphCommand::new);
    all.put("catalogue", CatalogueCommand::new);
    all.put("help", CommandLine.HelpCommand::new);
    return all;
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
