package dev.trafficlight.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trafficlight.core.scenario.Scenario;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Enough simulated clients for a set of scenarios, sharing one chat world: twice as many of each
 * kind as one case needs, so two cases can run at once. They speak HTTP to the coordinator, or
 * drive through Matrix rooms (see {@link MatrixDrivers}).
 */
public final class SimulatedFleet implements AutoCloseable {
  private static final int CASES_AT_ONCE = 2;

  private final List<SimulatedClient> clients = new ArrayList<>();
  private final List<Thread> threads = new ArrayList<>();
  private final List<String> unplayable;
  private int overMatrix;
  private final ScheduledExecutorService syncer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "simulated-sync");
    t.setDaemon(true);
    return t;
  });

  private SimulatedFleet(List<String> unplayable) {
    this.unplayable = unplayable;
  }

  /**
   * Starts the clients against the coordinator at {@code url}, in a world with these homeservers;
   * each waits {@code pace} before doing an action, so that a person can follow.
   */
  public static SimulatedFleet start(String url, List<Scenario> scenarios, List<JsonNode> homeservers, Duration pace) {
    return start(url, MatrixDrivers.none(), scenarios, homeservers, pace);
  }

  /** As above, with the client types that {@code matrix} names driving through Matrix rooms instead of HTTP. */
  public static SimulatedFleet start(String url, MatrixDrivers matrix, List<Scenario> scenarios, List<JsonNode> homeservers,
      Duration pace) {
    Casting casting = Casting.of(scenarios);
    SimulatedFleet fleet = new SimulatedFleet(casting.unplayable);
    ChatWorld world = new ChatWorld(homeservers);
    int proxies = 0;
    for (Map.Entry<JsonNode, Integer> kind : casting.needed.entrySet()) {
      for (int i = 0; i < kind.getValue() * CASES_AT_ONCE; i++) {
        ObjectNode registration = kind.getKey().deepCopy();
        String type = registration.path("type").asText();
        if (type.equals(Casting.PROXY_TYPE)) {
          registration.put("endpoint", "http://simulated-proxy-" + (++proxies) + ".invalid/");
        }
        CoordinatorLink link = matrix.drives(type)
            ? new MatrixLink(matrix.homeserverUrl(), matrix.coordinatorUserId(), accountName(type, fleet.clients.size() + 1))
            : new HttpLink(url);
        if (link instanceof MatrixLink) fleet.overMatrix++;
        fleet.add(new SimulatedClient(link, registration, world, pace, fleet.syncer), type, link.transport());
      }
    }
    return fleet;
  }

  /** A Matrix user name from a client type, which may hold characters user names may not. */
  private static String accountName(String type, int n) {
    return "sim-" + type.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]", "-") + "-" + n;
  }

  private void add(SimulatedClient client, String type, String transport) {
    Thread thread = new Thread(client, "simulated-" + type + "-" + transport + "-" + (threads.size() + 1));
    thread.setDaemon(true);
    clients.add(client);
    threads.add(thread);
    thread.start();
  }

  /** How many simulated clients play. */
  public int size() {
    return clients.size();
  }

  /** How many of them drive through Matrix rooms. */
  public int overMatrix() {
    return overMatrix;
  }

  /** One line for each role that no simulated client can play (its requirements cannot be met). */
  public List<String> unplayable() {
    return unplayable;
  }

  @Override
  public void close() {
    clients.forEach(SimulatedClient::stop);
    threads.forEach(Thread::interrupt);
    syncer.shutdownNow();
  }
}
