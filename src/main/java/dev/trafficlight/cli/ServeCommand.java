package dev.trafficlight.cli;

import dev.trafficlight.server.TrafficlightServer;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Starts the coordinator and keeps it running until interrupted. */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = "Start the coordinator on the scenarios; clients register at /client/<uuid>/register.")
final class ServeCommand implements Callable<Integer> {
  @Mixin
  ServerOptions options;

  @Override
  public Integer call() throws Exception {
    TrafficlightServer server = options.start(new CaseLog(new java.io.PrintWriter(System.out, true)));
    System.out.println("Trafficlight is serving " + Reports.count(server.coordinator().cases().size(), "case") + ".");
    System.out.println("Status page: " + options.baseUrl(server.port()) + "/status");
    System.out.println("Clients use: TRAFFICLIGHT_URL=" + options.baseUrl(server.port()));
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      stopped.countDown();
    }));
    stopped.await();
    return 0;
  }
}
