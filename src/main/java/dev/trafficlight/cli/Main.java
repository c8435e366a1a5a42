package dev.trafficlight.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code java -jar trafficlight.jar <serve|run|validate|graph>}. */
@Command(name = "trafficlight", mixinStandardHelpOptions = true, version = "trafficlight 0.1.0",
    description = "Coordinates cross-client tests of real chat clients.",
    subcommands = {ServeCommand.class, RunCommand.class, ValidateCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  static CommandLine commandLine() {
    return new CommandLine(new Main());
  }

  @Override
  public void run() {
    commandLine().usage(System.out);
  }
}
