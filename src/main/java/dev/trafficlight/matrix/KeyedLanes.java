package dev.trafficlight.matrix;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tasks run in order within a lane (a room) and lanes run side by side on a small shared pool:
 * a room's sends keep their order, a retry holds up only its own room, and eight rooms told at
 * once are sent at once.
 */
final class KeyedLanes implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(KeyedLanes.class);

  private final ThreadPoolExecutor pool;
  private final Map<String, Lane> lanes = new HashMap<>();

  private static final class Lane {
    final ArrayDeque<Runnable> tasks = new ArrayDeque<>();
  }

  KeyedLanes(String name, int threads) {
    AtomicInteger n = new AtomicInteger();
    pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
      Thread t = new Thread(r, name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    pool.allowCoreThreadTimeOut(true);
  }

  /** Runs {@code task} after every task given before for the same key. */
  void execute(String key, Runnable task) {
    Lane lane;
    synchronized (lanes) {
      lane = lanes.get(key);
      if (lane != null) {
        lane.tasks.add(task);
        return;
      }
      lane = new Lane();
      lane.tasks.add(task);
      lanes.put(key, lane);
    }
    Lane running = lane;
    try {
      pool.execute(() -> drain(key, running));
    } catch (RejectedExecutionException closed) {
      LOG.debug("not run after close: a task for {}", key);
    }
  }

  private void drain(String key, Lane lane) {
    while (true) {
      Runnable next;
      synchronized (lanes) {
        next = lane.tasks.poll();
        if (next == null) {
          lanes.remove(key);
          return;
        }
      }
      try {
        next.run();
      } catch (RuntimeException e) {
        LOG.warn("a task for {} failed", key, e);
      }
    }
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
