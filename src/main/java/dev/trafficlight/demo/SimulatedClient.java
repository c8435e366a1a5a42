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
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A simulated chat client (or network proxy) that plays case after case as a real adapter does,
 * over whichever {@link CoordinatorLink} it is given: registers, takes each action, does it in the
 * chat world, answers or reports the failure, and uploads its log after the exit.
 */
final class SimulatedClient implements Runnable {
  private static final long SYNC_EVERY_MILLIS = 200;
  private static final Duration RETRY = Duration.ofMillis(500);

  private final CoordinatorLink link;
  private final ObjectNode registration;
  private final ChatWorld world;
  private final Duration pace;
  private final ScheduledExecutorService syncer;
  private volatile boolean stopped;

  SimulatedClient(CoordinatorLink link, ObjectNode registration, ChatWorld world, Duration pace,
      ScheduledExecutorService syncer) {
    this.link = link;
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
        // the coordinator (or the homeserver) is starting or has gone: try again shortly, unless told to stop
        try {
          Thread.sleep(RETRY.toMillis());
        } catch (InterruptedException interrupted) {
          return;
        }
      }
    }
  }

  private void playOneCase() throws IOException, InterruptedException {
    List<String> log = new ArrayList<>();
    SimulatedProxy proxy = null;
    if (registration.hasNonNull("endpoint")) {
      proxy = new SimulatedProxy(registration.get("endpoint").asText());
      world.addProxy(proxy);
    }
    Session session = new Session(world, proxy, line -> note(log, line));
    String uuid = link.register(registration);
    note(log, "simulated " + registration.path("type").asText() + " client " + uuid + " registered over " + link.transport());
    ScheduledFuture<?> syncing = syncer.scheduleWithFixedDelay(session::sync, SYNC_EVERY_MILLIS, SYNC_EVERY_MILLIS,
        TimeUnit.MILLISECONDS);
    try {
      while (!stopped) {
        CoordinatorLink.Instruction instruction = link.next();
        if (instruction.action().equals(CoordinatorLink.Instruction.IDLE)) continue;
        if (instruction.action().equals(CoordinatorLink.Instruction.EXIT)) {
          syncing.cancel(false);
          note(log, "exit: " + instruction.data().path("reason").asText());
          session.summary().forEach(line -> note(log, line));
          String text;
          synchronized (log) {
            text = String.join("\n", log) + "\n";
          }
          link.upload("simulated-" + registration.path("type").asText() + ".log", text);
          return;
        }
        Thread.sleep(pace.toMillis());
        perform(session, log, instruction);
      }
    } finally {
      syncing.cancel(false);
    }
  }

  private void perform(Session session, List<String> log, CoordinatorLink.Instruction instruction)
      throws IOException, InterruptedException {
    String action = instruction.action();
    JsonNode data = instruction.data();
    if (!session.knows(action)) {
      note(log, action + ": unknown to the simulated clients");
      link.error(instruction, failure("adapter", "the simulated clients do not know the action '" + action + "'; they know "
          + session.known(), action));
      return;
    }
    try {
      JsonNode answer = session.perform(action, data);
      note(log, action + " " + data + " -> " + answer);
      link.respond(instruction, ((ObjectNode) answer).deepCopy());
    } catch (ActionFailed failed) {
      note(log, action + " " + data + " failed: " + failed.getMessage());
      link.error(instruction, failure("action", failed.getMessage(), action));
    }
  }

  private static ObjectNode failure(String type, String details, String action) {
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
