package dev.trafficlight.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A network proxy in front of a simulated homeserver, with trafficlight-proxy's rules: a request
 * whose path contains a disabled endpoint is refused with 503, and any request, refused or not,
 * counts as an access of the endpoints its path contains.
 */
final class SimulatedProxy {
  private final String endpoint;
  private volatile String upstream;
  private final List<String> disabled = new CopyOnWriteArrayList<>();
  private final List<Watch> watches = new CopyOnWriteArrayList<>();
  private final Map<String, AtomicInteger> refusals = new ConcurrentHashMap<>();

  private record Watch(String endpoint, CountDownLatch accessed) {}

  SimulatedProxy(String endpoint) {
    this.endpoint = endpoint;
  }

  String endpoint() {
    return endpoint;
  }

  /** The homeserver (its server name) behind the proxy, or null before {@code proxyTo}. */
  String upstream() {
    return upstream;
  }

  void pointTo(String serverName) {
    upstream = serverName;
  }

  void disable(String path) {
    if (!disabled.contains(path)) disabled.add(path);
  }

  void enable(String path) {
    disabled.remove(path);
  }

  /** Lets a request through, or throws {@link ActionFailed} as the client would see a 503. */
  void pass(String path) {
    watches.stream().filter(w -> path.contains(w.endpoint())).forEach(w -> w.accessed().countDown());
    for (String off : disabled) {
      if (path.contains(off)) {
        refusals.computeIfAbsent(off, k -> new AtomicInteger()).incrementAndGet();
        throw new ActionFailed("the proxy at " + endpoint + " refused " + path + " (503)");
      }
    }
  }

  /** Waits until a request to the endpoint comes through (or is refused); false after the timeout. */
  boolean awaitAccess(String path, long timeoutMillis) throws InterruptedException {
    Watch watch = new Watch(path, new CountDownLatch(1));
    watches.add(watch);
    try {
      return watch.accessed().await(timeoutMillis, TimeUnit.MILLISECONDS);
    } finally {
      watches.remove(watch);
    }
  }

  /** How many requests each disabled endpoint turned away, for the proxy's log. */
  List<String> refusalReport() {
    List<String> lines = new ArrayList<>();
    refusals.forEach((path, n) -> lines.add("refused " + n + " requests to " + path));
    return lines;
  }
}
