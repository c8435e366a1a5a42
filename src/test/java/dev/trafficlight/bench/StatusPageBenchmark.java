package dev.trafficlight.bench;

import dev.trafficlight.testing.Answers;
import dev.trafficlight.core.Json;
import dev.trafficlight.core.engine.Coordinator;
import dev.trafficlight.core.engine.Settings;
import dev.trafficlight.core.port.Instruction;
import dev.trafficlight.core.scenario.Scenario;
import dev.trafficlight.core.scenario.ScenarioBuilder;
import dev.trafficlight.status.StatusPage;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * How long do the status page and its API take to answer for a big run? 1000 cases (three roles
 * of 10 types each), 300 clients, half the cases ended with full timelines; each page is fetched
 * over real HTTP on loopback, after a warm-up.
 *
 * <pre>java -cp target/classes:target/test-classes:$(cat cp.txt) dev.trafficlight.bench.StatusPageBenchmark</pre>
 */
public final class StatusPageBenchmark {
  private static final int ROUNDS = Integer.getInteger("rounds", 50);

  public static void main(String[] args) throws Exception {
    Coordinator coordinator = new Coordinator(Settings.defaults(), Clock.systemUTC());
    List<String> types = new ArrayList<>();
    for (int i = 0; i < 10; i++) types.add("client-" + i);
    ScenarioBuilder b = Scenario.builder("big").role("alice", types.toArray(String[]::new))
        .role("bob", types.toArray(String[]::new)).role("carol", types.toArray(String[]::new));
    for (int i = 0; i < 10; i++) b.step("s" + i, s -> s.action("alice", "send").action("bob", "receive").action("carol", "receive"));
    List<String> ids = coordinator.add(b.build());
    // 100 cases of three clients each: play 50 to the end, leave 50 running
    int n = 0;
    for (int c = 0; c < 100; c++) {
      String type = "client-" + (c % 10);
      List<String> uuids = List.of("a" + n, "b" + n, "c" + n);
      n++;
      for (String uuid : uuids) coordinator.register(uuid, Json.object().put("type", type).put("version", "1.0"), "http", i -> { });
      if (c % 2 == 0) {
        for (int step = 0; step < 10; step++) {
          for (String uuid : uuids) {
            Instruction reply = coordinator.current(uuid);
            if (reply instanceof Instruction.Action a) coordinator.answer(uuid, a.id(), Answers.word("ok"));
          }
        }
      }
    }
    Javalin app = Javalin.create(config -> config.showJavalinBanner = false);
    StatusPage.install(app, coordinator);
    app.start("127.0.0.1", 0);
    String base = "http://127.0.0.1:" + app.port();
    String someCase = "/status/case/" + java.net.URLEncoder.encode(ids.get(0), java.nio.charset.StandardCharsets.UTF_8)
        .replace("+", "%20");
    System.out.printf("%d cases, %d clients%n", coordinator.cases().size(), coordinator.clients().size());
    HttpClient http = HttpClient.newHttpClient();
    for (String path : List.of("/status", someCase, "/api/cases", "/api/cases?timeline=true", "/api/clients",
        "/status/junit.xml")) {
      List<Long> micros = new ArrayList<>();
      long bytes = 0;
      for (int i = 0; i < ROUNDS + 10; i++) {
        long start = System.nanoTime();
        HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(base + path)).build(),
            HttpResponse.BodyHandlers.ofByteArray());
        long took = (System.nanoTime() - start) / 1000;
        if (r.statusCode() != 200) throw new IllegalStateException(path + " answered " + r.statusCode());
        bytes = r.body().length;
        if (i >= 10) micros.add(took);
      }
      Collections.sort(micros);
      System.out.printf("%-28s %8d bytes  median %6.1f ms  p95 %6.1f ms%n", path.length() > 28 ? "/status/case/<id>" : path,
          bytes, micros.get(micros.size() / 2) / 1000.0, micros.get(micros.size() * 95 / 100) / 1000.0);
    }
    app.stop();
    System.exit(0);
  }
}
