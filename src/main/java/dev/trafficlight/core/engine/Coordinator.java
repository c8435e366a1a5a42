package dev.trafficlight.core.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trafficlight.core.LogText;
import dev.trafficlight.core.port.Answer;
import dev.trafficlight.core.port.Artifact;
import dev.trafficlight.core.port.ClientChannel;
import dev.trafficlight.core.port.ClientPort;
import dev.trafficlight.core.port.Failure;
import dev.trafficlight.core.port.Instruction;
import dev.trafficlight.core.port.Receipt;
import dev.trafficlight.core.scenario.CaseDefinition;
import dev.trafficlight.core.scenario.Role;
import dev.trafficlight.core.scenario.Scenario;
import dev.trafficlight.core.store.Restored;
import dev.trafficlight.core.view.CaseState;
import dev.trafficlight.core.view.CaseView;
import dev.trafficlight.core.view.ClientView;
import dev.trafficlight.core.view.CoordinatorEvent;
import dev.trafficlight.core.view.CoordinatorListener;
import dev.trafficlight.core.view.CoordinatorQuery;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine: a registry of clients, a queue of cases, and the allocation that joins them. All
 * state changes happen under one lock, so allocation is atomic; what clients must be told goes
 * to their channels after the lock is released, in order, so no thread ever waits for a client.
 */
public final class Coordinator implements ClientPort, CoordinatorQuery {
  private static final Logger LOG = LoggerFactory.getLogger(Coordinator.class);
  static final String UNKNOWN_UUID = "no record of this UUID";

  private final Settings settings;
  private final Clock clock;
  private final Object lock = new Object();
  private final Map<String, ClientRecord> clients = new LinkedHashMap<>();
  private final Map<String, CaseRun> cases = new LinkedHashMap<>();
  private final IdlePool idle = new IdlePool();
  /**
   * Clients taken back from the store and not heard from since: an adapter may not have outlived
   * the restart, so they get a case only once they poll, reconnect or register again.
   */
  private final Map<String, ClientRecord> returning = new LinkedHashMap<>();
  /** Interrupted cases run again, each waiting for the clients that had it as they come back. */
  private final Map<CaseRun, Collection<CaseView.Member>> rerunWith = new LinkedHashMap<>();
  private final WaitingCases waiting = new WaitingCases();
  /** Running cases, for the ticker; a case leaves it at the first tick after it ends. */
  private final Map<String, CaseRun> running = new LinkedHashMap<>();
  private long queued;
  private Instant nextClientSweep = Instant.EPOCH;
  private Instant nextForgetSweep = Instant.EPOCH;
  private final List<CoordinatorListener> listeners = new CopyOnWriteArrayList<>();
  private final Deliveries deliveries = new Deliveries();
  /** Clients a case gave back unused, to be offered to waiting cases once the change that freed them is done. */
  private final List<ClientRecord> freed = new ArrayList<>();
  private final Effects effects = new Effects() {
    @Override
    public void tell(ClientRecord client, Instruction instruction) {
      ClientChannel channel = client.channel;
      if (channel != null) {
        deliveries.add(() -> channel.tell(instruction));
      }
    }

    @Override
    public void freed(ClientRecord client) {
      idle.add(client);
      freed.add(client);
      publish(new CoordinatorEvent.ClientFreed(client.view()));
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

  private final Workers workers;

  /** A coordinator whose cases use the settings' fixed homeservers. */
  public Coordinator(Settings settings, Clock clock) {
    this(settings, clock, Services.fixed(settings.homeservers()));
  }

  /** A coordinator whose cases get their servers, and make their calls, through these services. */
  public Coordinator(Settings settings, Clock clock, Services services) {
    this.settings = settings;
    this.clock = clock;
    OffLock.Lock underLock = new OffLock.Lock() {
      @Override
      public <R> R call(Supplier<R> body) {
        return locked(() -> {
          R result = body.get();
          offerFreedClients(); // a result may have freed a case's clients
          return result;
        });
      }
    };
    this.workers = new Workers(services, new OffLock(services.serverThreads(), underLock),
        new OffLock(services.callThreads(), underLock));
  }

  public Settings settings() {
    return settings;
  }

  @Override
  public void addListener(CoordinatorListener listener) {
    listeners.add(listener);
  }

  /** Queues every case of a scenario. */
  public List<String> add(Scenario scenario) {
    return add(scenario, id -> true);
  }

  /** Queues the cases of a scenario whose ids {@code caseIds} accepts. */
  public List<String> add(Scenario scenario, Predicate<String> caseIds) {
    List<String> ids = new ArrayList<>();
    locked(() -> {
      List<CaseRun> added = new ArrayList<>();
      for (CaseDefinition definition : CaseDefinition.expand(scenario)) {
        if (!caseIds.test(definition.id())) continue;
        if (cases.containsKey(definition.id())) {
          throw new IllegalArgumentException("case " + definition.id() + " is queued already");
        }
        ServerTypes.check(definition, workers.services().servers());
        CaseRun run = new CaseRun(definition, settings, clock, effects, workers);
        run.sequence = queued++;
        cases.put(definition.id(), run);
        waiting.add(run);
        added.add(run);
        ids.add(definition.id());
      }
      allocate(added, null);
    });
    return ids;
  }

  @Override
  public Receipt register(String uuid, JsonNode registration, String transport, ClientChannel channel) {
    if (registration == null || !registration.isObject()) {
      throw new IllegalArgumentException("a registration is a JSON object");
    }
    Set<String> actions;
    try {
      actions = DeclaredActions.of(registration);
    } catch (IllegalArgumentException e) {
      return new Receipt(Receipt.Status.INVALID, e.getMessage() + "; not registered");
    }
    return locked(() -> {
      Instant now = clock.instant();
      ClientRecord client = clients.get(uuid);
      if (client != null && client.state == ClientRecord.State.IN_CASE) {
        return new Receipt(Receipt.Status.REFUSED, "client " + uuid + " is in case " + client.caseId
            + " as " + client.role + "; it cannot register again until the case ends");
      }
      if (client != null && client.state == ClientRecord.State.IDLE && client.registration.equals(registration)
          && transport.equals(client.transport)) {
        client.lastSeen = now;
        client.channel = channel;
        heardFrom(client);
        return Receipt.ok("already registered");
      }
      if (client == null) {
        client = new ClientRecord(uuid);
        clients.put(uuid, client);
      }
      idle.remove(client);
      returning.remove(uuid);
      client.transport = transport;
      client.channel = channel;
      client.registration = registration.deepCopy();
      client.declare(actions);
      client.registeredAt = now;
      client.lastSeen = now;
      client.state = ClientRecord.State.IDLE;
      client.role = null;
      client.outstanding = null;
      client.exit = null;
      client.toldExit = false;
      client.exitedAt = null;
      idle.add(client);
      effects.publish(new CoordinatorEvent.ClientRegistered(client.view()));
      allocate(waiting.wanting(client.type()), client);
      return Receipt.ok("registered");
    });
  }

  @Override
  public Receipt reconnect(String uuid, ClientChannel channel) {
    return locked(() -> {
      ClientRecord client = clients.get(uuid);
      if (client == null) {
        return new Receipt(Receipt.Status.UNKNOWN_CLIENT, UNKNOWN_UUID + ": " + uuid);
      }
      client.channel = channel;
      client.lastSeen = clock.instant();
      heardFrom(client);
      Instruction pending = client.pending();
      if (pending != null) {
        effects.tell(client, pending);
      }
      return Receipt.ok("reconnected");
    });
  }

  @Override
  public Instruction current(String uuid) {
    return locked(() -> {
      Instant now = clock.instant();
      ClientRecord client = clients.get(uuid);
      if (client == null) {
        return new Instruction.Exit(Ids.next(), UNKNOWN_UUID);
      }
      client.lastPoll = now;
      client.lastSeen = now;
      heardFrom(client);
      Instruction pending = client.pending();
      if (pending == null) {
        return new Instruction.Idle(settings.idleDelay());
      }
      markDelivered(client, pending, now);
      return pending;
    });
  }

  @Override
  public void delivered(String uuid, Instruction instruction) {
    locked(() -> {
      ClientRecord client = clients.get(uuid);
      if (client != null) {
        markDelivered(client, instruction, clock.instant());
      }
    });
  }

  private static void markDelivered(ClientRecord client, Instruction instruction, Instant now) {
    if (instruction instanceof Instruction.Exit && instruction.equals(client.exit)) {
      client.toldExit = true;
    } else if (instruction.equals(client.outstanding) && client.deliveredAt == null) {
      client.deliveredAt = now;
    }
  }

  @Override
  public Receipt answer(String uuid, String actionId, Answer answer) {
    return locked(() -> {
      ClientRecord client = clients.get(uuid);
      if (client == null) {
        return new Receipt(Receipt.Status.UNKNOWN_CLIENT, UNKNOWN_UUID + ": " + uuid);
      }
      Instant now = clock.instant();
      client.lastSeen = now;
      Receipt refused = refusal(client, actionId);
      if (refused != null) {
        return refused;
      }
      client.lastAnswer = now;
      client.caseRun.answer(client, answer);
      return Receipt.ok("answer taken");
    });
  }

  /** Why an answer or failure cannot be about the outstanding action, or null when it can. */
  private static Receipt refusal(ClientRecord client, String actionId) {
    if (client.outstanding == null) {
      String why = client.state == ClientRecord.State.EXITED ? "; its case has ended (" + client.exit.reason() + ")" : "";
      return new Receipt(Receipt.Status.NO_ACTION, "client " + client.uuid + " has no outstanding action" + why);
    }
    if (actionId != null && !actionId.equals(client.outstanding.id())) {
      return new Receipt(Receipt.Status.STALE, "answer for action " + actionId + " is stale: the outstanding action is "
          + client.outstanding.id() + " (" + client.outstanding.name() + "); nothing changed");
    }
    return null;
  }

  @Override
  public Receipt fail(String uuid, String actionId, Failure failure) {
    return locked(() -> {
      ClientRecord client = clients.get(uuid);
      if (client == null) {
        return new Receipt(Receipt.Status.UNKNOWN_CLIENT, UNKNOWN_UUID + ": " + uuid);
      }
      client.lastSeen = clock.instant();
      if (client.caseRun == null) {
        LOG.info("failure reported by client {} outside any case: {} {}", LogText.clean(uuid), LogText.clean(failure.label()),
            LogText.clean(failure.details()));
        return Receipt.ok("noted; the client is in no case");
      }
      if (actionId != null) {
        Receipt refused = refusal(client, actionId);
        if (refused != null) {
          return refused;
        }
      }
      client.caseRun.fail(client, failure);
      return Receipt.ok("case ended");
    });
  }

  @Override
  public Receipt attach(String uuid, String caseId, Artifact artifact) {
    return locked(() -> {
      ClientRecord client = clients.get(uuid);
      if (client == null) {
        return new Receipt(Receipt.Status.UNKNOWN_CLIENT, UNKNOWN_UUID + ": " + uuid);
      }
      client.lastSeen = clock.instant();
      client.artifacts.add(artifact);
      CaseRun run = caseId == null ? null : cases.get(caseId);
      if (run != null) {
        run.attach(client, artifact);
        if (run.state.isFinal()) effects.publish(new CoordinatorEvent.LateFile(view(run)));
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

  /**
   * Applies every deadline against the clock: step and case timeouts, waits and silence every
   * tick; idle clients once a second; forgetting exited clients every few seconds. The work is
   * that of what is alive, not of everything ever seen.
   */
  public void tick() {
    locked(() -> {
      Instant now = clock.instant();
      if (!now.isBefore(nextClientSweep)) {
        nextClientSweep = now.plusSeconds(1);
        sweepIdle(now);
      }
      if (!now.isBefore(nextForgetSweep)) {
        nextForgetSweep = now.plusSeconds(5);
        forgetExited(now);
      }
      for (Iterator<CaseRun> it = running.values().iterator(); it.hasNext(); ) {
        CaseRun run = it.next();
        if (run.state == CaseState.RUNNING || run.state == CaseState.PREPARING) {
          for (ClientRecord member : run.members.values()) {
            if (member.channel != null && member.channel.connected()) member.lastSeen = now;
          }
          run.tick(now);
        }
        if (run.state.isFinal()) it.remove();
      }
      offerFreedClients();
    });
  }

  private void offerFreedClients() {
    List<ClientRecord> offered = List.copyOf(freed);
    freed.clear();
    for (ClientRecord client : offered) {
      if (idle.contains(client)) allocate(waiting.wanting(client.type()), client);
    }
  }

  private void sweepIdle(Instant now) {
    for (ClientRecord client : List.copyOf(returning.values())) {
      if (!client.lastSeen.plus(settings.idleDrop()).isAfter(now)) {
        returning.remove(client.uuid);
        idle.add(client); // so that drop() finds it where it looks
        drop(client);
      }
    }
    for (ClientRecord client : List.copyOf(idle.all())) {
      if (client.channel != null && client.channel.connected()) {
        client.lastSeen = now;
      } else if (!client.lastSeen.plus(settings.idleDrop()).isAfter(now)) {
        drop(client);
      }
    }
  }

  private void forgetExited(Instant now) {
    Instant before = now.minus(settings.forgetExited());
    for (Iterator<ClientRecord> it = clients.values().iterator(); it.hasNext(); ) {
      ClientRecord c = it.next();
      if (c.state == ClientRecord.State.EXITED && c.exitedAt != null && !c.exitedAt.isAfter(before)) {
        it.remove();
        effects.publish(new CoordinatorEvent.ClientForgotten(c.uuid));
      }
    }
  }

  /** An idle client that stopped asking is told to exit, so that it never waits for a case that is not coming. */
  private void drop(ClientRecord client) {
    idle.remove(client);
    client.state = ClientRecord.State.EXITED;
    client.exitedAt = clock.instant();
    client.exit = new Instruction.Exit(Ids.next(), "dropped: no poll for " + settings.idleDrop().toSeconds() + " s");
    effects.tell(client, client.exit);
    effects.publish(new CoordinatorEvent.ClientDropped(client.view(), client.exit.reason()));
  }

  /**
   * Starts, oldest first, every case of {@code candidates} that idle clients can fill. Before this
   * call no waiting case could be filled, so only cases that can use {@code newcomer} (when given)
   * can have become fillable, and once it is taken nothing else can; cases that ask for the same
   * roles as one found unfillable are skipped.
   */
  private void allocate(List<CaseRun> candidates, ClientRecord newcomer) {
    Set<List<Role.Cast>> unfillable = new HashSet<>();
    for (CaseRun run : candidates) {
      if (newcomer != null && !idle.contains(newcomer)) return;
      List<Role.Cast> casts = run.definition.casts();
      if (run.state != CaseState.WAITING || unfillable.contains(casts)) continue;
      if (newcomer != null && casts.stream().noneMatch(c -> IdlePool.fits(c, newcomer))) continue;
      Optional<Map<String, ClientRecord>> cast = Allocator.match(casts, idle);
      if (cast.isEmpty()) {
        unfillable.add(casts);
        continue;
      }
      startCase(run, cast.get());
    }
  }

  private void startCase(CaseRun run, Map<String, ClientRecord> cast) {
    cast.values().forEach(idle::remove);
    waiting.remove(run);
    running.put(run.id(), run);
    run.start(cast);
  }

  /**
   * Takes back what an earlier coordinator on the same store left: its clients (idle, or exited
   * with what they were told), the cases that ended, as they ended, and the cases that were
   * running, which end as {@code interrupted}; with {@code rerunInterrupted} those wait again
   * instead, and start at once with the clients that had them when those still fit. Only cases
   * queued now are taken back. Call after queueing and before any client is heard;
   * {@code channels} gives a transport's way to reach a client, by transport name and UUID.
   */
  public void restore(Restored restored, boolean rerunInterrupted, BiFunction<String, String, ClientChannel> channels) {
    locked(() -> {
      Instant now = clock.instant();
      restored.clients().forEach(stored -> restoreClient(stored, now, channels));
      Map<CaseRun, Collection<CaseView.Member>> rerun = new LinkedHashMap<>();
      for (CaseView ended : restored.ended().values()) {
        CaseRun run = cases.get(ended.id());
        if (run == null || run.state != CaseState.WAITING) continue;
        if (ended.state() == CaseState.INTERRUPTED && rerunInterrupted) {
          rerun.put(run, ended.members().values());
        } else {
          waiting.remove(run);
          run.restoreEnded(ended);
        }
      }
      for (Restored.Unfinished unfinished : restored.unfinished().values()) {
        CaseRun run = cases.get(unfinished.caseId());
        if (run == null || run.state != CaseState.WAITING) continue;
        if (rerunInterrupted) {
          rerun.put(run, unfinished.members().values());
        } else {
          waiting.remove(run);
          run.restoreEnded(Interruptions.view(run.view(List.of()), unfinished));
          effects.publish(new CoordinatorEvent.CaseEnded(run.view(List.of())));
        }
      }
      rerunWith.putAll(rerun);
      allocate(List.copyOf(waiting.all()), null);
    });
  }

  /**
   * A client taken back from the store is heard from: it is idle for real now. An interrupted case
   * it had starts again once all the clients that had it are back and still fit; otherwise the
   * client is offered to the waiting cases as any newcomer is.
   */
  private void heardFrom(ClientRecord client) {
    if (returning.remove(client.uuid) == null) return;
    idle.add(client);
    for (Iterator<Map.Entry<CaseRun, Collection<CaseView.Member>>> it = rerunWith.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<CaseRun, Collection<CaseView.Member>> rerun = it.next();
      CaseRun run = rerun.getKey();
      if (run.state != CaseState.WAITING) {
        it.remove();
        continue;
      }
      if (rerun.getValue().stream().noneMatch(m -> m.uuid().equals(client.uuid))) continue;
      IdlePool former = new IdlePool();
      rerun.getValue().stream().map(m -> clients.get(m.uuid())).filter(c -> c != null && idle.contains(c)).forEach(former::add);
      Optional<Map<String, ClientRecord>> cast = Allocator.match(run.definition.casts(), former);
      if (cast.isPresent()) {
        it.remove();
        startCase(run, cast.get());
        return;
      }
      if (rerun.getValue().stream().anyMatch(m -> returning.containsKey(m.uuid()))) return; // wait for the others
      it.remove(); // they are all back and do not fit: the case takes whoever comes
    }
    allocate(waiting.wanting(client.type()), client);
  }

  private static Set<String> declaredActions(JsonNode registration) {
    try {
      return DeclaredActions.of(registration);
    } catch (IllegalArgumentException e) {
      return null; // it was accepted when it registered; a list read differently now restricts nothing
    }
  }

  private void restoreClient(Restored.Client stored, Instant now, BiFunction<String, String, ClientChannel> channels) {
    ClientRecord client = new ClientRecord(stored.uuid());
    client.transport = stored.transport();
    client.channel = channels.apply(stored.transport(), stored.uuid());
    client.registration = stored.registration();
    client.registeredAt = stored.registeredAt() == null ? now : stored.registeredAt();
    client.lastSeen = now; // it has the usual idle_drop from now to poll again
    client.caseId = stored.lastCase();
    clients.put(client.uuid, client);
    if (stored.exitReason() == null) {
      client.state = ClientRecord.State.IDLE;
      client.declare(declaredActions(stored.registration()));
      returning.put(client.uuid, client);
    } else {
      client.state = ClientRecord.State.EXITED;
      client.exit = new Instruction.Exit(Ids.next(), stored.exitReason());
      client.exitedAt = stored.exitedAt() == null ? now : stored.exitedAt();
    }
  }

  @Override
  public List<CaseView> cases() {
    return locked(() -> cases.values().stream().map(this::view).toList());
  }

  @Override
  public Optional<CaseView> caseView(String id) {
    return locked(() -> Optional.ofNullable(cases.get(id)).map(this::view));
  }

  private CaseView view(CaseRun run) {
    return run.view(run.state == CaseState.WAITING ? Allocator.unmatched(run.definition.casts(), idle) : List.of());
  }

  @Override
  public List<Scenario> scenarios() {
    return locked(() -> {
      Map<String, Scenario> byName = new LinkedHashMap<>();
      cases.values().forEach(run -> byName.putIfAbsent(run.definition.scenario().name(), run.definition.scenario()));
      return List.copyOf(byName.values());
    });
  }

  @Override
  public List<ClientView> clients() {
    return locked(() -> clients.values().stream().map(ClientRecord::view).toList());
  }

  @Override
  public Optional<ClientView> client(String uuid) {
    return locked(() -> Optional.ofNullable(clients.get(uuid)).map(ClientRecord::view));
  }

  @Override
  public boolean allEnded() {
    return locked(() -> cases.values().stream().allMatch(run -> run.state.isFinal()));
  }

  /** Ends every case that has not ended, as {@code error} with this reason (a run's overall timeout). */
  public void abortAll(String reason) {
    locked(() -> {
      for (CaseRun run : cases.values()) {
        if (!run.state.isFinal()) {
          String why = run.state == CaseState.WAITING
              ? reason + "; " + String.join("; ", Allocator.unmatched(run.definition.casts(), idle))
              : reason;
          waiting.remove(run);
          run.end(CaseState.ERROR, why, null);
        }
      }
    });
  }

  /**
   * The coordinator is going away: every open case ends as {@code error} with this reason, and
   * every client, idle ones too, is told to exit, so that nobody waits for a coordinator that is gone.
   */
  public void shutDown(String reason) {
    abortAll(reason);
    locked(() -> {
      for (ClientRecord client : List.copyOf(idle.all())) {
        idle.remove(client);
        client.state = ClientRecord.State.EXITED;
        client.exitedAt = clock.instant();
        client.exit = new Instruction.Exit(Ids.next(), reason);
        effects.tell(client, client.exit);
      }
    });
  }

  /**
   * Shuts down: every case that has not ended ends in error, and the servers made for cases are
   * given back, waiting for that up to the services' grace.
   */
  public void close() {
    abortAll("the coordinator shut down");
    Services services = workers.services();
    workers.calls().close(java.time.Duration.ofSeconds(5), () -> { });
    workers.servers().close(services.shutdownGrace(), services.servers()::cancelAll);
  }

  private void locked(Runnable body) {
    locked(() -> {
      body.run();
      return null;
    });
  }

  /** Runs {@code body} under the lock, then hands clients what it told them, even if it threw. */
  private <T> T locked(Supplier<T> body) {
    try {
      synchronized (lock) {
        return body.get();
      }
    } finally {
      deliveries.drain();
    }
  }
}
