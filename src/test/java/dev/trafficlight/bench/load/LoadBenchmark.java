package dev.trafficlight.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The coordinator under load, as a separate process started from the built jar, over real
 * sockets on loopback; each row is one workload. Run after {@code mvn -q package -DskipTests}:
 *
 * <pre>mvn -q test-compile exec:java -Dexec.mainClass=dev.trafficlight.bench.load.LoadBenchmark [-Dload.rows=polls,cases] [-Dload.jar=other.jar]</pre>
 */
public final class LoadBenchmark {
  private static final Path JAR = Path.of(System.getProperty("load.jar", "target/trafficlight.jar"));
  private static final Set<String> ROWS = Set.of(System.getProperty("load.rows",
      "handover,polls,hold,cases,register,startup,churn").split(","));

  public static void main(String[] args) throws Exception {
    System.out.println("jar: " + JAR + "; JVM options for the server: '" + System.getProperty("load.jvm", "") + "'");
    if (ROWS.contains("handover")) handover();
    if (ROWS.contains("polls")) polls();
    if (ROWS.contains("hold")) hold();
    if (ROWS.contains("cases")) cases();
    if (ROWS.contains("register")) register();
    if (ROWS.contains("startup")) startup();
    if (ROWS.contains("churn")) churn();
    System.exit(0);
  }

  private static void row(String name, String figures) {
    System.out.printf("%-12s %s%n", name, figures);
  }

  private static Path scenarios(String prefix, int count, String yaml) throws IOException {
    Path dir = Files.createTempDirectory("tl-scenarios");
    for (int i = 0; i < count; i++) {
      Files.writeString(dir.resolve(String.format("%s%04d.yaml", prefix, i)), "name: " + String.format("%s%04d", prefix, i) + "\n" + yaml);
    }
    return dir;
  }

  private static String relay(int steps) {
    StringBuilder s = new StringBuilder("roles: {alice: element-web, bob: hydrogen-web}\ntimeout: 1h\nsteps:\n");
    for (int i = 0; i < steps; i++) {
      s.append("  - do: {").append(i % 2 == 0 ? "alice" : "bob")
          .append(": {action: send_message, data: {message: relay, case: \"${case.id}\", step: ").append(i).append("}}}\n");
    }
    return s.toString();
  }

  // -- 10-step two-client case, unchanged adapters (plain poll, 5 s sleep after idle) -------------

  private static void handover() throws Exception {
    Path dir = scenarios("relay", 6, relay(10));
    try (ServerProcess server = ServerProcess.start(JAR, "serve", dir, null)) {
      List<Long> millis = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        CountDownLatch registered = new CountDownLatch(2);
        AtomicLong lastRegistered = new AtomicLong();
        Thread a = oldAdapter(server, "a" + i, "element-web", registered, lastRegistered);
        Thread b = oldAdapter(server, "b" + i, "hydrogen-web", registered, lastRegistered);
        a.join();
        b.join();
        millis.add((System.nanoTime() - lastRegistered.get()) / 1_000_000);
      }
      row("handover", "10-step case with old adapters: first " + millis.get(0) + " ms, warm median "
          + median(millis.subList(1, millis.size())) + " ms " + millis);
    }
  }

  private static Thread oldAdapter(ServerProcess server, String uuid, String type, CountDownLatch registered,
      AtomicLong lastRegistered) {
    Thread t = new Thread(() -> {
      try (RawHttp http = server.connect()) {
        http.post("/client/" + uuid + "/register", "{\"type\":\"" + type + "\",\"version\":\"1\"}");
        lastRegistered.set(System.nanoTime());
        registered.countDown();
        while (true) {
          String reply = http.get("/client/" + uuid + "/poll").body();
          if (reply.contains("\"action\":\"exit\"")) return;
          if (reply.contains("\"action\":\"idle\"")) {
            Thread.sleep(5000);
          } else {
            http.post("/client/" + uuid + "/respond", "{\"response\":\"done\"}");
          }
        }
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    t.start();
    return t;
  }

  // -- idle polls per second, keep-alive, 64 connections -------------------------------------------

  private static void polls() throws Exception {
    Path dir = scenarios("none", 0, "");
    try (ServerProcess server = ServerProcess.start(JAR, "serve", dir, null); StaticBaseline baseline = new StaticBaseline()) {
      try (RawHttp http = server.connect()) {
        http.post("/client/poller/register", "{\"type\":\"nobody-wants-me\"}");
      }
      for (int round = 0; round < 2; round++) {
        double known = pollRate(server.port, "/client/poller/poll?timeout=0");
        double unknown = pollRate(server.port, "/client/nobody/poll?timeout=0");
        double ceiling = pollRate(baseline.port, "/client/poller/poll?timeout=0");
        row("polls", String.format("idle polls/s: %.0f (unknown UUID %.0f); static Jetty %.0f; %.0f %% of static",
            known, unknown, ceiling, 100 * known / ceiling));
        try (RawHttp http = server.connect()) {
          http.post("/client/poller/register", "{\"type\":\"nobody-wants-me\"}");
        }
      }
    }
  }

  private static double pollRate(int port, String path) throws Exception {
    int connections = 64;
    AtomicBoolean counting = new AtomicBoolean();
    AtomicBoolean stop = new AtomicBoolean();
    AtomicLong count = new AtomicLong();
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < connections; i++) {
      Thread t = new Thread(() -> {
        try (RawHttp http = new RawHttp("127.0.0.1", port)) {
          while (!stop.get()) {
            http.get(path);
            if (counting.get()) count.incrementAndGet();
          }
        } catch (IOException e) {
          throw new IllegalStateException(e);
        }
      });
      t.start();
      threads.add(t);
    }
    Thread.sleep(2000);
    counting.set(true);
    long start = System.nanoTime();
    Thread.sleep(5000);
    counting.set(false);
    double seconds = (System.nanoTime() - start) / 1e9;
    stop.set(true);
    for (Thread t : threads) t.join();
    return count.get() / seconds;
  }

  // -- 10,000 clients each holding one long poll ---------------------------------------------------

  private static void hold() throws Exception {
    Path dir = scenarios("none", 0, "");
    int clients = Integer.getInteger("load.holders", 10_000);
    try (ServerProcess server = ServerProcess.start(JAR, "serve", dir, "timeouts: {idle_drop: 10m}\n")) {
      registerMany(server, "h", clients, "{\"type\":\"holder\"}");
      List<RawHttp> held = new ArrayList<>();
      for (int i = 0; i < clients; i++) {
        RawHttp http = server.connect();
        http.sendGet("/client/h" + i + "/poll?timeout=120000");
        held.add(http);
      }
      Thread.sleep(3000);
      List<Long> status = timings(server, "/status", 10);
      row("hold", clients + " held polls: RSS " + server.rssMb() + " MB, " + server.threads() + " threads, /status median "
          + median(status) + " ms (" + size(server, "/status") / 1024 + " KB)");
      for (RawHttp h : held) h.close();
    }
  }

  private static void registerMany(ServerProcess server, String prefix, int count, String registration) throws Exception {
    int lanes = 8;
    List<Thread> threads = new ArrayList<>();
    for (int lane = 0; lane < lanes; lane++) {
      int first = lane;
      Thread t = new Thread(() -> {
        try (RawHttp http = server.connect()) {
          for (int i = first; i < count; i += lanes) http.post("/client/" + prefix + i + "/register", registration);
        } catch (IOException e) {
          throw new IllegalStateException(e);
        }
      });
      t.start();
      threads.add(t);
    }
    for (Thread t : threads) t.join();
  }

  // -- 1,000 two-client 10-step cases, 20 fast adapters --------------------------------------------

  private static void cases() throws Exception {
    int count = Integer.getInteger("load.cases", 1000);
    Path dir = scenarios("c", count, relay(10));
    try (ServerProcess server = ServerProcess.start(JAR, "serve", dir, "timeouts: {idle_drop: 10m}\n")) {
      Map<String, Long> answered = new ConcurrentHashMap<>();
      List<Long> handovers = Collections.synchronizedList(new ArrayList<>());
      AtomicInteger exits = new AtomicInteger();
      long start = System.nanoTime();
      List<Thread> adapters = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        String type = i % 2 == 0 ? "element-web" : "hydrogen-web";
        int id = i;
        Thread t = new Thread(() -> fastAdapter(server, "f" + id, type, count, answered, handovers, exits));
        t.start();
        adapters.add(t);
      }
      while (exits.get() < 2 * count) Thread.sleep(10);
      double seconds = (System.nanoTime() - start) / 1e9;
      long rss = server.rssMb();
      for (Thread t : adapters) t.interrupt();
      List<Long> sorted = new ArrayList<>(handovers);
      Collections.sort(sorted);
      row("cases", String.format("%d cases in %.1f s: %.0f cases/s; hand-over p50 %.2f ms, p99 %.2f ms; RSS %d MB",
          count, seconds, count / seconds, pct(sorted, 50) / 1000.0, pct(sorted, 99) / 1000.0, rss));
      List<Long> junit = timings(server, "/status/junit.xml", 10);
      row("junit", "/status/junit.xml after " + count + " cases: median " + median(junit) + " ms ("
          + size(server, "/status/junit.xml") / 1024 + " KB)");
      List<Long> status = timings(server, "/status", 10);
      row("status", "/status with " + count + " cases: median " + median(status) + " ms ("
          + size(server, "/status") / 1024 + " KB)");
    }
  }

  private static void fastAdapter(ServerProcess server, String name, String type, int cases, Map<String, Long> answered,
      List<Long> handovers, AtomicInteger exits) {
    try (RawHttp http = server.connect()) {
      for (int round = 0; exits.get() < 2 * cases; round++) {
        String uuid = name + "-" + round;
        http.post("/client/" + uuid + "/register", "{\"type\":\"" + type + "\",\"version\":\"1\"}");
        while (true) {
          String reply = http.get("/client/" + uuid + "/poll?timeout=30000").body();
          long now = System.nanoTime();
          if (reply.contains("\"action\":\"exit\"")) {
            exits.incrementAndGet();
            break;
          }
          if (!reply.contains("\"action\":\"send_message\"")) continue;
          String kase = between(reply, "\"case\":\"", "\"");
          int step = Integer.parseInt(between(reply, "\"step\":", "}"));
          Long sent = answered.remove(kase + "#" + (step - 1));
          if (sent != null) handovers.add((now - sent) / 1000);
          String id = between(reply, "\"id\":\"", "\"");
          answered.put(kase + "#" + step, System.nanoTime());
          http.post("/client/" + uuid + "/respond", "{\"response\":\"done\",\"id\":\"" + id + "\"}");
        }
      }
    } catch (IOException e) {
      if (exits.get() < 2 * cases) throw new IllegalStateException(e);
    }
  }

  private static String between(String s, String start, String end) {
    int i = s.indexOf(start) + start.length();
    return s.substring(i, s.indexOf(end, i));
  }

  // -- 2,000 simultaneous registrations with 2,000 waiting cases -----------------------------------

  private static void register() throws Exception {
    int count = Integer.getInteger("load.registrations", 2000);
    Path dir = scenarios("w", count, "roles: {solo: lone-type}\nsteps: [{do: {solo: reload}}]\n");
    try (ServerProcess server = ServerProcess.start(JAR, "serve", dir, null)) {
      CountDownLatch go = new CountDownLatch(1);
      List<Long> millis = Collections.synchronizedList(new ArrayList<>());
      AtomicInteger failed = new AtomicInteger();
      List<Thread> threads = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        int id = i;
        Thread t = new Thread(null, () -> {
          try (RawHttp http = server.connect()) {
            go.await();
            long start = System.nanoTime();
            RawHttp.Reply reply = http.post("/client/r" + id + "/register", "{\"type\":\"lone-type\"}");
            millis.add((System.nanoTime() - start) / 1_000_000);
            if (reply.status() != 200 && failed.incrementAndGet() == 1) {
              System.out.println("first failure: " + reply.status() + " " + reply.body());
            }
          } catch (Exception e) {
            if (failed.incrementAndGet() == 1) System.out.println("first failure: " + e);
          }
        }, "r" + i, 256 * 1024);
        t.start();
        threads.add(t);
      }
      Thread.sleep(500);
      go.countDown();
      for (Thread t : threads) t.join();
      List<Long> sorted = new ArrayList<>(millis);
      Collections.sort(sorted);
      row("register", count + " simultaneous registrations, " + count + " waiting cases: " + sorted.size() + " answered, "
          + failed.get() + " failed; p50 " + pct(sorted, 50) + " ms, p99 " + pct(sorted, 99) + " ms");
    }
  }

  // -- start-up ------------------------------------------------------------------------------------

  private static void startup() throws Exception {
    List<Long> small = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      try (ServerProcess server = ServerProcess.start(JAR, "serve", Path.of("examples/scenarios"), null)) {
        small.add(server.readyMillis);
      }
    }
    Path many = scenarios("s", 1000, relay(10));
    List<Long> large = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      try (ServerProcess server = ServerProcess.start(JAR, "serve", many, null)) {
        large.add(server.readyMillis);
      }
    }
    row("startup", "start -> first answered request: examples " + small + " ms; 1,000 scenario files " + large + " ms");
    runExit();
  }

  /** {@code run}: from the last client hearing exit to the process ending. */
  private static void runExit() throws Exception {
    Path dir = scenarios("one", 1, "roles: {solo: element-web}\nsteps: [{do: {solo: reload}}]\n");
    List<Long> millis = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      try (ServerProcess server = ServerProcess.start(JAR, "run", dir, null)) {
        try (RawHttp http = server.connect()) {
          http.post("/client/solo/register", "{\"type\":\"element-web\"}");
          http.get("/client/solo/poll?timeout=5000");
          http.post("/client/solo/respond", "{\"response\":\"done\"}");
          http.get("/client/solo/poll?timeout=5000");
        }
        long heard = System.nanoTime();
        server.process.waitFor();
        millis.add((System.nanoTime() - heard) / 1_000_000);
      }
    }
    row("run-exit", "run: last client heard exit -> process ended " + millis + " ms");
  }

  // -- clients that register and never return ------------------------------------------------------

  private static void churn() throws Exception {
    int count = Integer.getInteger("load.churn", 20_000);
    Path dir = scenarios("none", 0, "");
    try (ServerProcess server = ServerProcess.start(JAR, "serve", dir, "timeouts: {idle_drop: 2s, forget_exited: 5s}\n")) {
      registerMany(server, "gone", count, "{\"type\":\"vanishing\"}");
      Thread.sleep(8000);
      long cpu0 = server.cpuMillis();
      Thread.sleep(5000);
      double idleCpu = (server.cpuMillis() - cpu0) / 5000.0 * 100;
      List<Long> micros = new ArrayList<>();
      try (RawHttp http = server.connect()) {
        for (int i = 0; i < 50; i++) {
          long start = System.nanoTime();
          http.post("/client/fresh" + i + "/register", "{\"type\":\"vanishing\"}");
          micros.add((System.nanoTime() - start) / 1000);
        }
        String clients = http.get("/api/clients").body();
        int kept = clients.split("\"uuid\"", -1).length - 1;
        row("churn", String.format("%d clients registered and vanished (idle_drop 2s, forget_exited 5s): %d kept after 13 s; idle CPU %.1f %% of a core;"
            + " a new register median %d us; /status %d KB", count, kept, idleCpu, median(micros), size(server, "/status") / 1024));
      }
    }
  }

  // -- figures -------------------------------------------------------------------------------------

  private static List<Long> timings(ServerProcess server, String path, int times) throws IOException {
    List<Long> millis = new ArrayList<>();
    try (RawHttp http = server.connect()) {
      for (int i = 0; i < times; i++) {
        long start = System.nanoTime();
        http.get(path);
        millis.add((System.nanoTime() - start) / 1_000_000);
      }
    }
    return millis;
  }

  private static long size(ServerProcess server, String path) throws IOException {
    try (RawHttp http = server.connect()) {
      return http.get(path).body().length();
    }
  }

  private static long median(List<Long> values) {
    List<Long> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(sorted.size() / 2);
  }

  private static long pct(List<Long> sorted, int p) {
    if (sorted.isEmpty()) return -1;
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
  }
}
