package dev.trafficlight.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trafficlight.core.scenario.Scenario;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Enough simulated clients for a set of scenarios, sharing one chat world: twice as many of each
 * kind as one case needs, so two cases can run at once. They speak HTTP to the coordinator.
 */
public final class SimulatedFleet implements AutoCloseable {
  private static final int CASES_AT_ONCE = 2;

  private final List<SimulatedClient> clients = new ArrayList<>();
  private final List<Thread> threads = new ArrayList<>();
  private final List<String> unplayable;
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
    Casting casting = Casting.of(scenarios);
    SimulatedFleet fleet = new SimulatedFleet(casting.unplayable);
    ChatWorld world = new ChatWorld(homeservers);
    int proxies = 0;
    for (Map.Entry<JsonNode, Integer> kind : casting.needed.entrySet()) {
      for (int i = 0; i < kind.getValue() * CASES_AT_ONCE; i++) {
        ObjectNode registration = kind.getKey().deepCopy();
        if (registration.path("type").asText().equals(Casting.PROXY_TYPE)) {
          registration.put("endpoint", "http://simulated-proxy-" + (++proxies) + ".invalid/");
        }
        fleet.add(new SimulatedClient(url, registration, world, pace, fleet.syncer), registration.path("type").asText());
      }
    }
    return fleet;
  }

  private void add(SimulatedClient client, String type) {
    Thread thread = new Thread(client, "simulated-" + type + "-" + (threads.size() + 1));
    thread.setDaemon(true);
    clients.add(client);
    threads.add(thread);
    thread.start();
  }

  /** How many simulated clients play. */
  public int size() {
    return clients.size();
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
