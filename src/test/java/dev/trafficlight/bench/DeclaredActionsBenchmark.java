package dev.trafficlight.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trafficlight.core.Json;
import dev.trafficlight.core.engine.Coordinator;
import dev.trafficlight.core.engine.Settings;
import dev.trafficlight.core.scenario.Scenario;
import dev.trafficlight.core.scenario.ScenarioBuilder;
import java.time.Clock;
import java.util.List;
import java.util.stream.IntStream;

/**
 * What does checking a registration's {@code actions} add to allocation? A case whose alice
 * (element-web, ten actions) any idle client could play, but whose bob (element-ios) nobody can,
 * so every registration scans every idle element-web client; run once with clients that list no
 * actions and once with clients that list thirty (the role's ten among them). Also times the
 * waiting case's explanation, which the status page asks for.
 *
 * <pre>mvn -q test-compile exec:java -Dexec.mainClass=dev.trafficlight.bench.DeclaredActionsBenchmark</pre>
 */
public final class DeclaredActionsBenchmark {
  private static final int CLIENTS = Integer.getInteger("clients", 4000);
  private static final List<String> ACTIONS = IntStream.range(0, 30).mapToObj(i -> "action_" + i).toList();

  private DeclaredActionsBenchmark() {}

  public static void main(String[] args) {
    for (int round = 0; round < 3; round++) {
      System.out.printf("round %d: without actions %s | with 30 actions %s%n", round + 1, run(false), run(true));
    }
  }

  private static String run(boolean declare) {
    Coordinator coordinator = new Coordinator(Settings.defaults(), Clock.systemUTC());
    ScenarioBuilder builder = Scenario.builder("wide").role("alice", "element-web").role("bob", "element-ios");
    for (int i = 0; i < 10; i++) builder.step("s" + i, "alice", ACTIONS.get(i * 3), null);
    coordinator.add(builder.build());
    long start = System.nanoTime();
    for (int i = 0; i < CLIENTS; i++) {
      ObjectNode registration = Json.object().put("type", "element-web").put("version", "1.0");
      if (declare) ACTIONS.forEach(registration.withArray("actions")::add);
      coordinator.register("c" + i, registration, "bench", instruction -> { });
    }
    long registered = System.nanoTime() - start;
    long checks = (long) CLIENTS * (CLIENTS + 1) / 2;
    start = System.nanoTime();
    int views = 20;
    for (int i = 0; i < views; i++) coordinator.cases();
    long viewed = System.nanoTime() - start;
    return String.format("%d registrations %.0f ms (%.1f ns a candidate checked), waiting explanation %.2f ms",
        CLIENTS, registered / 1e6, (double) registered / checks, viewed / 1e6 / views);
  }
}
