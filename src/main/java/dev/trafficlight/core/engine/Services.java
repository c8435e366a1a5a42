package dev.trafficlight.core.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trafficlight.core.servers.FixedServers;
import dev.trafficlight.core.servers.HomeserverCalls;
import dev.trafficlight.core.servers.ServerProvider;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the engine reaches beyond its own memory, and the threads it does so on: the provider of
 * homeservers (on {@code serverThreads}, which also bound how many are made at once), and the
 * calls the coordinator makes itself against a case's homeserver (on {@code callThreads}).
 *
 * @param calls null when this coordinator makes no calls of its own
 * @param shutdownGrace at shutdown, how long to let servers be removed before calls in flight are cancelled
 */
public record Services(ServerProvider servers, ExecutorService serverThreads, HomeserverCalls calls,
    ExecutorService callThreads, Duration shutdownGrace) {

  /** A provider and no homeserver calls of the coordinator's own. */
  public Services(ServerProvider servers, ExecutorService serverThreads, Duration shutdownGrace) {
    this(servers, serverThreads, null, pool("trafficlight-calls", 8), shutdownGrace);
  }

  /** The same, with these homeserver calls. */
  public Services withCalls(HomeserverCalls homeserverCalls) {
    return new Services(servers, serverThreads, homeserverCalls, callThreads, shutdownGrace);
  }

  /** The configuration's fixed homeservers, and a few daemon threads that start only when needed. */
  public static Services fixed(List<JsonNode> homeservers) {
    return of(new FixedServers(homeservers), 4);
  }

  /** A provider with {@code parallel} threads for its calls. */
  public static Services of(ServerProvider provider, int parallel) {
    return new Services(provider, pool("trafficlight-servers", parallel), Duration.ofSeconds(60));
  }

  /** Daemon threads, at most {@code size}, that end when idle: a coordinator that never uses them costs nothing. */
  static ExecutorService pool(String name, int size) {
    AtomicInteger n = new AtomicInteger();
    ThreadPoolExecutor pool = new ThreadPoolExecutor(size, size, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
      Thread t = new Thread(r, name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }
}
