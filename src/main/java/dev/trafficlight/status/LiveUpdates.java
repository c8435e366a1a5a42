package dev.trafficlight.status;

import dev.trafficlight.core.view.CoordinatorQuery;
import dev.trafficlight.core.view.CoordinatorEvent;
import io.javalin.Javalin;
import io.javalin.http.sse.SseClient;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Tells open status pages that something changed, as server-sent {@code change} events; the pages
 * then fetch what they show from the JSON API. The coordinator calls its listeners under its lock,
 * so the listener only counts and schedules: sending happens on this class's own thread, at most
 * once per {@link #COALESCE_MS} however busy the coordinator is.
 */
final class LiveUpdates {
  static final String EVENT = "change";
  private static final long COALESCE_MS = 100;
  private static final long KEEP_ALIVE_S = 15;

  private final Set<SseClient> pages = ConcurrentHashMap.newKeySet();
  private final AtomicLong version = new AtomicLong();
  private final AtomicBoolean scheduled = new AtomicBoolean();
  private final ScheduledExecutorService sender = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "trafficlight-status-events");
    t.setDaemon(true);
    return t;
  });

  void install(Javalin app, CoordinatorQuery coordinator) {
    app.sse(Links.EVENTS, page -> {
      page.keepAlive();
      page.onClose(() -> pages.remove(page));
      pages.add(page);
      page.sendEvent(EVENT, data());
    });
    coordinator.addListener(this::changed);
    sender.scheduleAtFixedRate(() -> pages.forEach(p -> p.sendComment("keep-alive")), KEEP_ALIVE_S, KEEP_ALIVE_S,
        TimeUnit.SECONDS);
    app.events(events -> events.serverStopping(this::close));
  }

  private void changed(CoordinatorEvent event) {
    version.incrementAndGet();
    if (scheduled.compareAndSet(false, true)) {
      try {
        sender.schedule(this::broadcast, COALESCE_MS, TimeUnit.MILLISECONDS);
      } catch (RejectedExecutionException stopped) {
        scheduled.set(false);
      }
    }
  }

  private void broadcast() {
    scheduled.set(false);
    String data = data();
    for (SseClient page : pages) {
      if (page.terminated()) {
        pages.remove(page);
      } else {
        page.sendEvent(EVENT, data);
      }
    }
  }

  private String data() {
    return "{\"version\":" + version.get() + "}";
  }

  private void close() {
    sender.shutdownNow();
    pages.forEach(SseClient::close);
    pages.clear();
  }
}
