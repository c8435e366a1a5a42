package dev.trafficlight.server;

import io.javalin.config.JavalinConfig;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * Jetty sized for a coordinator: held polls park without a thread, so a few dozen threads serve
 * thousands of clients; and a request body that trickles in slower than
 * {@link #MIN_BODY_BYTES_PER_SECOND} is cut off, so slow senders cannot tie up the threads.
 */
final class JettyTuning {
  static final int MAX_THREADS = 32;
  static final int MIN_THREADS = 4;
  static final long MIN_BODY_BYTES_PER_SECOND = 1024;

  private JettyTuning() {}

  static void apply(JavalinConfig javalin) {
    QueuedThreadPool threads = new QueuedThreadPool(MAX_THREADS, MIN_THREADS, 60_000);
    threads.setName("http");
    javalin.jetty.threadPool = threads;
    javalin.jetty.modifyHttpConfiguration(http -> http.setMinRequestDataRate(MIN_BODY_BYTES_PER_SECOND));
  }
}
