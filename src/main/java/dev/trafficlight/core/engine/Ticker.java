package dev.trafficlight.core.engine;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.LoggerFactory;

/** Calls {@link Coordinator#tick()} on a fixed period in a daemon thread, until closed. */
public final class Ticker implements AutoCloseable {
  private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "trafficlight-ticker");
    t.setDaemon(true);
    return t;
  });

  public Ticker(Coordinator coordinator, Duration period) {
    executor.scheduleAtFixedRate(() -> {
      try {
        coordinator.tick();
      } catch (Throwable e) {
        // A throw would cancel the schedule, and with it every timeout and held poll: log and go on.
        LoggerFactory.getLogger(Ticker.class).error("tick failed", e);
      }
    }, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
