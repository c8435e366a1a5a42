package dev.trafficlight.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trafficlight.core.Json;
import java.io.IOException;
import java.time.Duration;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A simulated chat client (or network proxy) that plays case after case over the HTTP wire, as a
 * real adapter does: registers under a fresh UUID, polls, does each action in the chat world,
 * answers or reports the failure, and uploads its log after the exit.
 */
final class SimulatedClient implements Runnable {
  private static final long HOLD_MILLIS = 20_000;
  private static final long SYNC_EVERY_MILLIS = 200;
  private static final Duration RETRY = Duration.ofMillis(500);

  private final String coordinatorUrl;
  private final ObjectNode registration;
  private final ChatWorld world;
  private final Duration pace;
  private final ScheduledExecutorService syncer;
  private volatile boolean stopped;

  SimulatedClient(String coordinatorUrl, ObjectNode registration, ChatWorld world, Duration pace,
      ScheduledExecutorService syncer) {
    this.coordinatorUrl = coordinatorUrl;
    this.registration = registration;
    this.world = world;
    this.pace = pace;
    this.syncer = syncer;
  }

  void stop() {
    stopped = true;
  }

  @Override
  public void run() {
    while (!stopped) {
      try {
        playOneCase();
      } catch (InterruptedException e) {
        return;
      } catch (IOException e) {
        // the coordinator is starting or has gone: try again shortly, unless told to stop
        try {
          Thread.sleep(RETRY.toMillis());
        } catch (InterruptedException interrupted) {
          return;
        }
      }
    }
  }

  private void playOneCase() throws IOException, InterruptedException {
    String uuid = UUID.randomUUID().toString();
    WireClient wire = new WireClient(coordinatorUrl, uuid);
    List<String> log = new ArrayList<>();
    SimulatedProxy proxy = null;
    if (registration.hasNonNull("endpoint")) {
      proxy = new SimulatedProxy(registration.get("endpoint").asText());
      world.addProxy(proxy);
    }
    Session session = new Session(world, proxy, line -> note(log, line));
    note(log, "simulated " + registration.path("type").asText() + " client " + uuid + " registering at " + coordinatorUrl);
    wire.register(registration);
    ScheduledFuture<?> syncing = syncer.scheduleWithFixedDelay(session::sync, SYNC_EVERY_MILLIS, SYNC_EVERY_MILLIS,
        TimeUnit.MILLISECONDS);
    try {
      while (!stopped) {
        JsonNode reply = wire.poll(HOLD_MILLIS);
        String action = reply.path("action").asText();
        if (action.equals("idle")) continue;
        if (action.equals("exit")) {
          syncing.cancel(false);
          note(log, "exit: " + reply.path("data").path("reason").asText());
          session.summary().forEach(line -> note(log, line));
          String text;
          synchronized (log) {
            text = String.join("\n", log) + "\n";
          }
          wire.upload("simulated-" + registration.path("type").asText() + ".log", text);
          return;
        }
        Thread.sleep(pace.toMillis());
        perform(wire, session, log, action, reply);
      }
    } finally {
      syncing.cancel(false);
    }
  }

  private void perform(WireClient wire, Session session, List<String> log, String action, JsonNode reply)
      throws IOException, InterruptedException {
    JsonNode data = reply.path("data");
    if (!session.knows(action)) {
      note(log, action + ": unknown to the simulated clients");
      wire.error(failure("adapter", "the simulated clients do not know the action '" + action + "'; they know "
          + session.known(), action));
      return;
    }
    try {
      JsonNode answer = session.perform(action, data);
      note(log, action + " " + data + " -> " + answer);
      ObjectNode withId = answer.deepCopy();
      if (reply.hasNonNull("id")) withId.put("id", reply.get("id").asText());
      wire.respond(withId);
    } catch (ActionFailed failed) {
      note(log, action + " " + data + " failed: " + failed.getMessage());
      wire.error(failure("action", failed.getMessage(), action));
    }
  }

  private static JsonNode failure(String type, String details, String action) {
    ObjectNode report = Json.object();
    report.putObject("error").put("type", type).put("details", details).put("path", action);
    return report;
  }

  private static void note(List<String> log, String line) {
    synchronized (log) {
      log.add(LocalTime.now().truncatedTo(ChronoUnit.MILLIS) + " " + line);
    }
  }
}
