package dev.trafficlight.http;

import dev.trafficlight.core.port.ClientChannel;
import dev.trafficlight.core.port.ClientPort;
import dev.trafficlight.core.port.Instruction;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Polls held open until their client has something to do: the coordinator tells a client's
 * {@link #channel} and every poll it holds answers at once; a poll that reaches its deadline
 * answers {@code idle}. No thread waits: a held poll is a future and a timer.
 */
final class HeldPolls implements AutoCloseable {
  private final ClientPort port;
  private volatile boolean closed;
  private final Map<String, Set<CompletableFuture<Instruction>>> held = new ConcurrentHashMap<>();
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "http-held-polls");
    t.setDaemon(true);
    return t;
  });

  HeldPolls(ClientPort port) {
    this.port = port;
  }

  /**
   * How the coordinator reaches a client that polls over HTTP. A tell only wakes the client's held
   * polls, which then take what is current: a tell that arrives late never hands out an action
   * the client has answered already.
   */
  ClientChannel channel(String uuid) {
    return new ClientChannel() {
      @Override
      public void tell(Instruction instruction) {
        if (!(instruction instanceof Instruction.Idle)) {
          wake(uuid);
        }
      }

      @Override
      public boolean connected() {
        Set<CompletableFuture<Instruction>> polls = held.get(uuid);
        return polls != null && !polls.isEmpty();
      }
    };
  }

  /**
   * The client's next instruction: at once when it has one, else when it gets one or at
   * {@code hold}'s end ({@code idle}).
   */
  CompletableFuture<Instruction> next(String uuid, Duration hold) {
    Instruction now = port.current(uuid);
    if (!(now instanceof Instruction.Idle) || hold.isZero() || closed) {
      return CompletableFuture.completedFuture(now); // a stopping server holds nothing new
    }
    CompletableFuture<Instruction> poll = new CompletableFuture<>();
    held.computeIfAbsent(uuid, k -> ConcurrentHashMap.newKeySet()).add(poll);
    ScheduledFuture<?> deadline;
    try {
      deadline = timer.schedule(() -> poll.complete(now), hold.toMillis(), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException stopping) {
      release(uuid, poll);
      return CompletableFuture.completedFuture(now);
    }
    poll.whenComplete((reply, failure) -> {
      deadline.cancel(false);
      release(uuid, poll);
    });
    // what was told between the first look and parking would otherwise be missed
    Instruction again = port.current(uuid);
    if (!(again instanceof Instruction.Idle)) {
      poll.complete(again);
    }
    return poll;
  }

  private void wake(String uuid) {
    Set<CompletableFuture<Instruction>> polls = held.get(uuid);
    if (polls == null || polls.isEmpty()) return;
    Instruction now = port.current(uuid);
    if (now instanceof Instruction.Idle) return;
    polls.forEach(poll -> poll.complete(now));
  }

  private void release(String uuid, CompletableFuture<Instruction> poll) {
    held.computeIfPresent(uuid, (k, polls) -> {
      polls.remove(poll);
      return polls.isEmpty() ? null : polls;
    });
  }

  /** Answers every held poll with {@code idle}, so no adapter hangs on a server that is going away. */
  @Override
  public void close() {
    closed = true;
    timer.shutdownNow();
    Instruction idle = new Instruction.Idle(Duration.ofSeconds(1));
    held.values().forEach(polls -> polls.forEach(p -> p.complete(idle)));
  }
}
