package dev.trafficlight.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forces a file to the disk soon after it is asked, on a thread of its own, once for however many
 * asks came meanwhile. A disk sync takes milliseconds; the coordinator's lock must not wait for it,
 * and cases that end together share one.
 */
final class GroupSync implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(GroupSync.class);
  private final FileChannel channel;
  private final Thread thread;
  private boolean wanted;
  private boolean closed;
  /** Asks made, and asks a finished sync covered: for {@link #awaitSynced()}. */
  private long asked;
  private long synced;

  GroupSync(FileChannel channel, String name) {
    this.channel = channel;
    this.thread = new Thread(this::run, name);
    thread.setDaemon(true);
    thread.start();
  }

  /** What was written so far reaches the disk soon. */
  synchronized void request() {
    asked++;
    wanted = true;
    notifyAll();
  }

  /** Waits until everything asked for so far is on the disk (for tests and measurements). */
  synchronized void awaitSynced() throws InterruptedException {
    long target = asked;
    while (synced < target && !closed) wait();
  }

  private void run() {
    while (true) {
      long covering;
      synchronized (this) {
        while (!wanted && !closed) {
          try {
            wait();
          } catch (InterruptedException e) {
            return;
          }
        }
        if (!wanted) return;
        wanted = false;
        covering = asked;
      }
      try {
        channel.force(false);
      } catch (IOException e) {
        LOG.warn("the journal could not be forced to the disk: {}", e.getMessage());
      }
      synchronized (this) {
        synced = covering;
        notifyAll();
      }
    }
  }

  /** Stops once what was asked is done; the caller forces and closes the file itself. */
  @Override
  public void close() {
    synchronized (this) {
      closed = true;
      notifyAll();
    }
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
