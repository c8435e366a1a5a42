package dev.trafficlight.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trafficlight.core.Json;
import dev.trafficlight.core.view.CaseState;
import dev.trafficlight.core.view.CaseView;
import dev.trafficlight.core.engine.Coordinator;
import dev.trafficlight.core.engine.Settings;
import dev.trafficlight.core.engine.Ticker;
import dev.trafficlight.core.scenario.Scenario;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * A fake homeserver, a real coordinator ticking on the system clock, and the Matrix transport
 * between them, with timings short enough for tests.
 */
final class MatrixHarness implements AutoCloseable {
  static final String COORDINATOR = "@trafficlight:" + FakeHomeserver.SERVER_NAME;

  final FakeHomeserver hs;
  Coordinator coordinator;
  final Path dataDir;
  final String token;
  private Ticker ticker;
  private final List<TestDriver> drivers = new ArrayList<>();
  MatrixSettings settings;
  MatrixTransport transport;

  MatrixHarness(Path dataDir) throws Exception {
    this.dataDir = dataDir;
    hs = new FakeHomeserver();
    token = hs.register("trafficlight", "coordinator-password");
    engine(ENGINE);
    settings = MatrixSettings.of(hs.baseUrl(), COORDINATOR, token, List.of("*:" + FakeHomeserver.SERVER_NAME))
        .withTimings(Duration.ofMillis(300), Duration.ofMillis(10), Duration.ofMillis(100));
  }

  /** The engine's settings in tests: quick idle replies, the rest as shipped. */
  static final Settings ENGINE = Settings.defaults().withIdleDelay(Duration.ofMillis(50));

  /** A new coordinator with these settings, as a restarted process has (the old one is dropped). */
  MatrixHarness engine(Settings engineSettings) {
    if (ticker != null) {
      ticker.close();
    }
    coordinator = new Coordinator(engineSettings, Clock.systemUTC());
    ticker = new Ticker(coordinator, Duration.ofMillis(20));
    return this;
  }

  MatrixHarness start() throws Exception {
    transport = MatrixTransport.start(settings, coordinator, dataDir);
    return this;
  }

  /** Stops the transport as a coordinator shutdown would; {@link #start} starts a new one on the same data directory. */
  void stopTransport() {
    transport.close();
    transport = null;
  }

  TestDriver driver(String localpart, TestDriver.Style style) {
    TestDriver driver = new TestDriver(hs, localpart, COORDINATOR, style);
    drivers.add(driver);
    return driver;
  }

  /** Queues the scenario and answers its one case id. */
  String add(Scenario scenario) {
    List<String> ids = coordinator.add(scenario);
    assertEquals(1, ids.size(), "one case expected");
    return ids.get(0);
  }

  CaseView awaitEnd(String caseId, Duration timeout) throws InterruptedException {
    await(() -> coordinator.caseView(caseId).orElseThrow().state().isFinal(), timeout,
        () -> "case " + caseId + " did not end: " + coordinator.caseView(caseId).orElseThrow()
            + "\nrequests: " + String.join("\n", hs.requests()));
    return coordinator.caseView(caseId).orElseThrow();
  }

  CaseView awaitState(String caseId, CaseState state) throws InterruptedException {
    await(() -> coordinator.caseView(caseId).orElseThrow().state() == state, Duration.ofSeconds(10),
        () -> "case " + caseId + " is not " + state + ": " + coordinator.caseView(caseId).orElseThrow());
    return coordinator.caseView(caseId).orElseThrow();
  }

  void awaitStep(String caseId, String step) throws InterruptedException {
    await(() -> step.equals(coordinator.caseView(caseId).orElseThrow().currentStep()), Duration.ofSeconds(10),
        () -> "case " + caseId + " is not at " + step + ": " + coordinator.caseView(caseId).orElseThrow());
  }

  /** Waits for the transport's view of the homeserver to be in sync. */
  void awaitSyncing() throws InterruptedException {
    await(() -> transport.health().healthy(), Duration.ofSeconds(10), () -> "health " + transport.health());
  }

  static void await(BooleanSupplier condition, Duration timeout, java.util.function.Supplier<String> why)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(why.get());
      }
      Thread.sleep(5);
    }
  }

  /** Answers of one role in a case, as the timeline recorded them. */
  static List<String> answerWords(CaseView kase, String role) {
    return kase.timeline().stream().filter(e -> e.kind().name().equals("ANSWER") && role.equals(e.role()))
        .map(e -> e.name()).toList();
  }

  static JsonNode data(String field, String value) {
    return Json.object().put(field, value);
  }

  @Override
  public void close() throws Exception {
    for (TestDriver driver : drivers) {
      driver.close();
    }
    if (transport != null) {
      transport.close();
    }
    ticker.close();
    hs.close();
  }
}
