package dev.trafficlight.testing;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.TimeUnit;

/** An executor that runs nothing until the test says so, on the test's own thread. */
public final class ManualExecutor extends AbstractExecutorService {
  private final Deque<Runnable> queue = new ArrayDeque<>();
  private boolean shutdown;

  @Override
  public synchronized void execute(Runnable command) {
    if (shutdown) throw new java.util.concurrent.RejectedExecutionException("shut down");
    queue.add(command);
  }

  /** Runs everything queued, including what the queued work queues; returns how many ran. */
  public int runAll() {
    int n = 0;
    for (Runnable next; (next = poll()) != null; n++) next.run();
    return n;
  }

  public synchronized int queued() {
    return queue.size();
  }

  private synchronized Runnable poll() {
    return queue.poll();
  }

  @Override
  public synchronized void shutdown() {
    shutdown = true;
  }

  @Override
  public synchronized List<Runnable> shutdownNow() {
    shutdown = true;
    List<Runnable> left = List.copyOf(queue);
    queue.clear();
    return left;
  }

  @Override
  public synchronized boolean isShutdown() {
    return shutdown;
  }

  @Override
  public synchronized boolean isTerminated() {
    return shutdown && queue.isEmpty();
  }

  /** Runs what is queued, as a real executor would finish it before terminating. */
  @Override
  public boolean awaitTermination(long timeout, TimeUnit unit) {
    runAll();
    return true;
  }
}
