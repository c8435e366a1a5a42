package dev.trafficlight.core.engine;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Work the engine must never do under its lock (a provider making servers, a call to a
 * homeserver) runs on an executor; its result comes back under the lock, like an answer.
 */
final class OffLock {
  private static final Logger LOG = LoggerFactory.getLogger(OffLock.class);

  /** Something slow: it may block, and may throw. */
  @FunctionalInterface
  interface Work<T> {
    T run() throws Exception;
  }

  /** What to do with the result under the lock; may hand back more work for the same thread (null: none). */
  @FunctionalInterface
  interface Then<T> {
    Work<?> accept(T result, Exception failure);
  }

  /** Runs a body under the engine's lock and returns its result. */
  @FunctionalInterface
  interface Lock {
    <R> R call(Supplier<R> body);
  }

  private final ExecutorService executor;
  private final Lock lock;

  OffLock(ExecutorService executor, Lock lock) {
    this.executor = executor;
    this.lock = lock;
  }

  /** Starts {@code work} on the executor; {@code then} hears its result under the lock. Null when shutting down. */
  <T> Future<?> submit(Work<T> work, Then<T> then) {
    try {
      return executor.submit(() -> {
        T result = null;
        Exception failure = null;
        try {
          result = work.run();
        } catch (Exception e) {
          failure = e;
        }
        T r = result;
        Exception f = failure;
        Work<?> more = lock.call(() -> then.accept(r, f));
        if (more != null) {
          // Follow-up work is clean-up (giving servers back): a shutdown's interrupt must not stop it.
          boolean interrupted = Thread.interrupted();
          try {
            more.run();
          } catch (Exception e) {
            LOG.warn("follow-up work failed", e);
          } finally {
            if (interrupted) Thread.currentThread().interrupt();
          }
        }
      });
    } catch (RejectedExecutionException closed) {
      return null;
    }
  }

  /** Runs a body under the engine's lock, from a worker thread. */
  void lockAndRun(Runnable body) {
    lock.call(() -> {
      body.run();
      return null;
    });
  }

  /** Lets queued work finish for up to {@code grace}; then {@code cancel} is called and threads are interrupted. */
  void close(Duration grace, Runnable cancel) {
    executor.shutdown();
    try {
      if (!executor.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        cancel.run();
        executor.shutdownNow();
        executor.awaitTermination(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
