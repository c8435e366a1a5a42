package dev.trafficlight.core.engine;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls to clients' channels, queued under the coordinator's lock and run after it is released,
 * in the order they were queued, by whichever thread is there to run them: no thread of its own,
 * and no channel is ever called under the lock.
 */
final class Deliveries {
  private static final Logger LOG = LoggerFactory.getLogger(Deliveries.class);

  private final Queue<Runnable> queue = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean draining = new AtomicBoolean();

  void add(Runnable delivery) {
    queue.add(delivery);
  }

  /** Runs what is queued; a thread that finds another already draining leaves the work to it. */
  void drain() {
    while (!queue.isEmpty() && draining.compareAndSet(false, true)) {
      try {
        for (Runnable next; (next = queue.poll()) != null; ) {
          try {
            next.run();
          } catch (RuntimeException e) {
            LOG.warn("a client channel failed", e);
          }
        }
      } finally {
        draining.set(false);
      }
    }
  }
}
