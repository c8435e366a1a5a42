package dev.trafficlight.core.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trafficlight.core.Json;
import dev.trafficlight.core.port.Artifact;
import dev.trafficlight.core.port.ClientPort;
import dev.trafficlight.core.port.PollReply;
import dev.trafficlight.core.port.Receipt;
import dev.trafficlight.core.scenario.CaseDefinition;
import dev.trafficlight.core.scenario.Scenario;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine: a registry of clients, a queue of cases, and the allocation that joins them. All
 * state changes happen under one lock, so allocation is atomic; held polls complete after the lock
 * is released, on the calling thread, so no thread ever waits for a client.
 */
public final class Coordinator implements ClientPort {
  private static final Logger LOG = LoggerFactory.getLogger(Coordinator.class);
  static final String UNKNOWN_UUID = "no record of this UUID";

  private final Settings settings;
  private final Clock clock;
  private final Object lock = new Object();
  private final Map<String, ClientRecord> clients = new LinkedHashMap<>();
  private final Map<String, CaseRun> cases = new LinkedHashMap<>();
  private final List<CoordinatorListener> listeners = new CopyOnWriteArrayList<>();
  /** Held polls to complete once the lock is released. */
  private final List<Runnable> afterUnlock = new ArrayList<>();
  private final Effects effects = new Effects() {
    @Override
    public void tell(ClientRecord client, PollReply reply) {
      client.toldExit |= reply instanceof PollReply.Exit && !client.waiters.isEmpty();
      for (ClientRecord.Waiter waiter : client.waiters) {
        afterUnlock.add(() -> waiter.reply().complete(reply));
      }
      client.waiters.clear();
    }

    @Override
    public void publish(CoordinatorEvent event) {
      for (CoordinatorListener listener : listeners) {
        try {
          listener.on(event);
        } catch (RuntimeException e) {
          LOG.warn("listener {} failed on {}", listener, event.getClass().getSimpleName(), e);
        }
      }
    }
  };

  public Coordinator(Settings settings, Clock clock) {
    this.settings = settings;
    this.clock = clock;
  }

  public Settings settings() {
    return settings;
  }

  public void addListener(CoordinatorListener listener) {
    listeners.add(listener);
  }

  /** Queues every case of a scenario. */
  public List<String> add(Scenario scenario) {
    List<String> ids = new ArrayList<>();
    locked(() -> {
      for (CaseDefinition definition : CaseDefinition.expand(scenario)) {
        if (cases.containsKey(definition.id())) {
          throw new IllegalArgumentException("case " + definition.id() + " is queued already");
        }
        cases.put(definition.id(), new CaseRun(definition, settings, clock, effects));
        ids.add(definition.id());
      }
      allocate();
    });
    return ids;
  }

  @Override
  public Receipt register(String uuid, JsonNode registration, String transport) {
    if (registration == null || !registration.isObject()) {
      throw new IllegalArgumentException("a registration is a JSON object");
    }
    return locked(() -> {
      Instant now = clock.instant();
      ClientRecord client = clients.get(uuid);
      if (client != null && client.state == ClientRecord.State.IN_CASE) {
        return new Receipt(Receipt.Status.REFUSED, "client " + uuid + " is in case " + client.caseId
            + " as " + client.role + "; it cannot register again until the case ends");
      }
      if (client != null && client.state == ClientRecord.State.IDLE && client.registration.equals(registration)) {
        client.lastSeen = now;
        return Receipt.ok("already registered");
      }
      if (client == null) {
        client = new ClientRecord(uuid);
        clients.put(uuid, client);
      }
      client.transport = transport;
      client.registration = registration.deepCopy();
      client.registeredAt = now;
      client.lastSeen = now;
      client.state = ClientRecord.State.IDLE;
      client.role = null;
      client.exitReason = null;
      client.toldExit = false;
      effects.publish(new CoordinatorEvent.ClientRegistered(client.view()));
      allocate();
      return Receipt.ok("registered");
    });
  }

  @Override
  public CompletableFuture<PollReply> nextAction(String uuid, Duration wait) {
    return locked(() -> {
      Instant now = clock.instant();
      ClientRecord client = clients.get(uuid);
      if (client == null) {
        return CompletableFuture.completedFuture(new PollReply.Exit(UNKNOWN_UUID));
      }
      client.lastPoll = now;
      client.lastSeen = now;
      PollReply ready = client.state == ClientRecord.State.EXITED ? new PollReply.Exit(client.exitReason) : client.outstanding;
      if (ready != null) {
        client.toldExit |= ready instanceof PollReply.Exit;
        return CompletableFuture.completedFuture(ready);
      }
      if (wait.isZero() || wait.isNegative()) {
        return CompletableFuture.completedFuture(idle());
      }
      CompletableFuture<PollReply> reply = new CompletableFuture<>();
      client.waiters.add(new ClientRecord.Waiter(reply, now.plus(wait)));
      return reply;
    });
  }

  private PollReply.Idle idle() {
    return new PollReply.Idle(settings.idleDelay().toMillis());
  }

  @Override
  public Receipt answer(String uuid, String actionId, JsonNode answer) {
    return locked(() -> {
      ClientRecord client = clients.get(uuid);
      if (client == null) {
        return new Receipt(Receipt.Status.UNKNOWN_CLIENT, UNKNOWN_UUID + ": " + uuid);
      }
      Instant now = clock.instant();
      client.lastSeen = now;
      if (client.outstanding == null) {
        String why = client.state == ClientRecord.State.EXITED ? "; its case has ended (" + client.exitReason + ")" : "";
        return new Receipt(Receipt.Status.NO_ACTION, "client " + uuid + " has no outstanding action" + why);
      }
      if (actionId != null && !actionId.equals(client.outstanding.id())) {
        return new Receipt(Receipt.Status.STALE, "answer for action " + actionId + " is stale: the outstanding action is "
            + client.outstanding.id() + " (" + client.outstanding.name() + "); nothing changed");
      }
      client.lastAnswer = now;
      client.caseRun.answer(client, answer == null ? Json.object() : answer);
      return Receipt.ok("answer taken");
    });
  }

  @Override
  public Receipt error(String uuid, JsonNode error) {
    return locked(() -> {
      ClientRecord client = clients.get(uuid);
      if (client == null) {
        return new Receipt(Receipt.Status.UNKNOWN_CLIENT, UNKNOWN_UUID + ": " + uuid);
      }
      client.lastSeen = clock.instant();
      if (client.caseRun == null) {
        LOG.info("error from client {} outside any case: {}", uuid, error);
        return Receipt.ok("noted; the client is in no case");
      }
      client.caseRun.error(client, error == null ? Json.object() : error);
      return Receipt.ok("case ended");
    });
  }

  @Override
  public Receipt attach(String uuid, Artifact artifact) {
    return locked(() -> {
      ClientRecord client = clients.get(uuid);
      if (client == null) {
        return new Receipt(Receipt.Status.UNKNOWN_CLIENT, UNKNOWN_UUID + ": " + uuid);
      }
      client.lastSeen = clock.instant();
      client.artifacts.add(artifact);
      CaseRun run = client.caseId == null ? null : cases.get(client.caseId);
      if (run != null) {
        run.attach(client, artifact);
      }
      return Receipt.ok("stored");
    });
  }

  @Override
  public boolean knows(String uuid) {
    return locked(() -> clients.containsKey(uuid));
  }

  @Override
  public Optional<String> caseOf(String uuid) {
    return locked(() -> Optional.ofNullable(clients.get(uuid)).map(c -> c.caseId));
  }

  /** Applies every deadline against the clock: held polls, step and case timeouts, waits, liveness. */
  public void tick() {
    locked(() -> {
      Instant now = clock.instant();
      for (ClientRecord client : clients.values()) {
        expireWaiters(client, now);
        if (client.state == ClientRecord.State.IDLE && !client.waiters.isEmpty()) {
          client.lastSeen = now;
        } else if (client.state == ClientRecord.State.IDLE && !client.lastSeen.plus(settings.idleDrop()).isAfter(now)) {
          client.state = ClientRecord.State.EXITED;
          client.exitReason = "dropped: no poll for " + settings.idleDrop().toSeconds() + " s";
          effects.publish(new CoordinatorEvent.ClientDropped(client.view(), client.exitReason));
        } else if (client.state == ClientRecord.State.IN_CASE && !client.waiters.isEmpty()) {
          client.lastSeen = now;
        }
      }
      boolean ended = false;
      for (CaseRun run : List.copyOf(cases.values())) {
        if (run.state == CaseState.RUNNING) {
          run.tick(now);
          ended |= run.state.isFinal();
        }
      }
      if (ended) {
        allocate();
      }
    });
  }

  private void expireWaiters(ClientRecord client, Instant now) {
    for (Iterator<ClientRecord.Waiter> it = client.waiters.iterator(); it.hasNext(); ) {
      ClientRecord.Waiter waiter = it.next();
      if (waiter.reply().isDone()) {
        it.remove();
      } else if (!waiter.deadline().isAfter(now)) {
        it.remove();
        PollReply idle = idle();
        afterUnlock.add(() -> waiter.reply().complete(idle));
      }
    }
  }

  /** Starts every waiting case that idle clients can fill, oldest case first. */
  private void allocate() {
    for (CaseRun run : cases.values()) {
      if (run.state != CaseState.WAITING) continue;
      Optional<Map<String, ClientRecord>> cast = Allocator.match(run.definition.casts(), idleClients());
      if (cast.isPresent()) {
        run.start(cast.get());
      }
    }
  }

  private List<ClientRecord> idleClients() {
    return clients.values().stream().filter(c -> c.state == ClientRecord.State.IDLE).toList();
  }

  public List<CaseView> cases() {
    return locked(() -> {
      List<ClientRecord> idle = idleClients();
      return cases.values().stream().map(run -> view(run, idle)).toList();
    });
  }

  public Optional<CaseView> caseView(String id) {
    return locked(() -> Optional.ofNullable(cases.get(id)).map(run -> view(run, idleClients())));
  }

  private CaseView view(CaseRun run, List<ClientRecord> idle) {
    return run.view(run.state == CaseState.WAITING ? Allocator.unmatched(run.definition.casts(), idle) : List.of());
  }

  /** Every scenario with queued cases, once each by name, in the order they were added. */
  public List<Scenario> scenarios() {
    return locked(() -> {
      Map<String, Scenario> byName = new LinkedHashMap<>();
      cases.values().forEach(run -> byName.putIfAbsent(run.definition.scenario().name(), run.definition.scenario()));
      return List.copyOf(byName.values());
    });
  }

  public List<ClientView> clients() {
    return locked(() -> clients.values().stream().map(ClientRecord::view).toList());
  }

  public Optional<ClientView> client(String uuid) {
    return locked(() -> Optional.ofNullable(clients.get(uuid)).map(ClientRecord::view));
  }

  /** True when every queued case has ended. */
  public boolean allEnded() {
    return locked(() -> cases.values().stream().allMatch(run -> run.state.isFinal()));
  }

  /** Ends every case that has not ended, as {@code error} with this reason (a run's overall timeout). */
  public void abortAll(String reason) {
    locked(() -> {
      for (CaseRun run : cases.values()) {
        if (!run.state.isFinal()) {
          String why = run.state == CaseState.WAITING
              ? reason + "; " + String.join("; ", Allocator.unmatched(run.definition.casts(), idleClients()))
              : reason;
          run.end(CaseState.ERROR, why, null);
        }
      }
    });
  }

  private void locked(Runnable body) {
    locked(() -> {
      body.run();
      return null;
    });
  }

  /** Runs {@code body} under the lock, then completes the held polls it answered, even if it threw. */
  private <T> T locked(java.util.function.Supplier<T> body) {
    List<Runnable> after = List.of();
    try {
      synchronized (lock) {
        try {
          return body.get();
        } finally {
          after = List.copyOf(afterUnlock);
          afterUnlock.clear();
        }
      }
    } finally {
      after.forEach(Runnable::run);
    }
  }
}
