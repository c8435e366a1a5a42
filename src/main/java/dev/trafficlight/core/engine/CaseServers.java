package dev.trafficlight.core.engine;

import dev.trafficlight.core.servers.ProvidedServers;
import dev.trafficlight.core.servers.ServerProvider;
import dev.trafficlight.core.servers.ServerProviderException;
import dev.trafficlight.core.servers.ServerRequest;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The homeservers of one case: asked of the provider off the lock, and given back exactly once
 * for every time they were asked for, whatever the outcome, even when they arrive after the case
 * has ended. Guarded by the coordinator's lock, except the provider calls themselves.
 */
final class CaseServers {
  private static final Logger LOG = LoggerFactory.getLogger(CaseServers.class);

  /** What the case hears: ready servers, a failure, or how giving them back went. */
  interface Listener {
    void ready(ProvidedServers servers);

    void failed(String message);

    void released(String problem);
  }

  private final ServerProvider provider;
  private final OffLock work;
  final ServerRequest request;
  private ProvidedServers provided;
  private boolean asked;
  private boolean inFlight;
  private boolean wanted = true;
  private boolean released;

  CaseServers(ServerProvider provider, OffLock work, ServerRequest request) {
    this.provider = provider;
    this.work = work;
    this.request = request;
  }

  /** True when the provider can answer at once, without I/O. */
  boolean immediate() {
    return request.servers().isEmpty() || provider.immediate(request);
  }

  String providerName() {
    return provider.describe();
  }

  /**
   * Asks for the servers: at once when the provider needs no I/O, else on a provider thread. The
   * listener hears the outcome (under the lock), unless the case has ended by then; servers that
   * lack a name or URL count as a failure.
   */
  void start(Listener listener) {
    asked = true;
    if (immediate()) {
      try {
        hand(request.servers().isEmpty() ? new ProvidedServers(java.util.Map.of(), null) : provider.provide(request), listener);
      } catch (ServerProviderException e) {
        listener.failed(e.getMessage());
      }
      return;
    }
    inFlight = true;
    Object started = work.submit(() -> provider.provide(request), (servers, failure) -> {
      inFlight = false;
      provided = servers;
      if (!wanted) return releaseWork(listener);
      if (failure != null) {
        listener.failed(failure instanceof ServerProviderException ? failure.getMessage() : failure.toString());
      } else {
        hand(servers, listener);
      }
      return null;
    });
    if (started == null) {
      inFlight = false;
      listener.failed("the coordinator is shutting down");
    }
  }

  private void hand(ProvidedServers servers, Listener listener) {
    provided = servers;
    String problem = servers.problem(request);
    if (problem != null) {
      listener.failed(problem);
    } else {
      listener.ready(servers);
    }
  }

  /** The case is over: give the servers back now, or as soon as a provide in flight returns. */
  void release(Listener listener) {
    wanted = false;
    if (!asked || inFlight || released || immediate()) return;
    OffLock.Work<?> give = releaseWork(listener);
    if (give != null && work.submit(give, (ok, failure) -> null) == null) {
      LOG.warn("servers of case {} not released: the coordinator is shutting down", request.caseId());
    }
  }

  /** The release itself, to run off the lock; it reports back under the lock. Null when there is nothing to give back. */
  private OffLock.Work<?> releaseWork(Listener listener) {
    if (released || request.servers().isEmpty()) return null;
    released = true;
    ProvidedServers servers = provided;
    return () -> {
      String problem = null;
      try {
        provider.release(request, servers);
      } catch (Exception e) {
        problem = e instanceof ServerProviderException ? e.getMessage() : e.toString();
        LOG.warn("releasing the servers of case {} failed: {}", request.caseId(), problem);
      }
      String p = problem;
      work.lockAndRun(() -> listener.released(p));
      return null;
    };
  }
}
