package dev.trafficlight.server;

import io.javalin.config.JavalinConfig;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.component.LifeCycle;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * Jetty sized for a coordinator: held polls park without a thread, so a few dozen threads serve
 * thousands of clients; a burst of connections queues instead of being refused, and a queue too
 * long to serve in time is answered {@code 503} rather than left to time out.
 */
final class JettyTuning {
  static final int MAX_THREADS = 32;
  static final int MIN_THREADS = 4;
  static final int ACCEPT_QUEUE = 4096;
  /** Requests waiting for a thread before new ones are refused: a few seconds of work at a few hundred µs each. */
  static final int MAX_WAITING = 8192;

  private JettyTuning() {}

  static void apply(JavalinConfig javalin) {
    QueuedThreadPool threads = new QueuedThreadPool(MAX_THREADS, MIN_THREADS, 60_000);
    threads.setName("http");
    javalin.jetty.threadPool = threads;
    // the connector is made when the server starts; a burst of clients connecting at once must
    // queue, not be refused, so the accept queue is set as it starts
    javalin.jetty.modifyServer(server -> server.addEventListener(new LifeCycle.Listener() {
      @Override
      public void lifeCycleStarting(LifeCycle event) {
        for (Connector connector : server.getConnectors()) {
          if (connector instanceof ServerConnector s) s.setAcceptQueueSize(ACCEPT_QUEUE);
        }
        server.insertHandler(new LoadShedding(threads::getQueueSize, MAX_WAITING));
      }
    }));
  }
}
