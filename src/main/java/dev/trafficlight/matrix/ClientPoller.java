package dev.trafficlight.matrix;

import dev.trafficlight.core.port.ClientPort;
import dev.trafficlight.core.port.PollReply;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Polls the coordinator on behalf of one Matrix client, which cannot poll itself: one held poll at
 * a time, renewed when it ends idle; each new action or the exit goes to the {@link Sink}. While an
 * action is outstanding the coordinator answers polls at once, so the poll is repeated every
 * {@link #RECHECK} instead: that keeps the client alive in the coordinator's eyes for as long as
 * its driver is, and brings the exit soon when the case ends for another client's reason.
 */
final class ClientPoller {
  static final Duration RECHECK = Duration.ofSeconds(1);

  /** Where actions and the exit go. */
  interface Sink {
    void action(PollReply.Action action);

    void exit(String reason);
  }

  private final ClientPort port;
  private final String uuid;
  private final Duration wait;
  private final ScheduledExecutorService scheduler;
  private final Sink sink;
  private String lastActionId;
  private boolean stopped;
  private int held;
  private ScheduledFuture<?> keepalive;

  ClientPoller(ClientPort port, String uuid, Duration wait, ScheduledExecutorService scheduler, Sink sink,
      String knownActionId) {
    this.port = port;
    this.uuid = uuid;
    this.wait = wait;
    this.scheduler = scheduler;
    this.sink = sink;
    this.lastActionId = knownActionId;
  }

  synchronized void poll() {
    if (stopped) {
      return;
    }
    held++;
    port.nextAction(uuid, wait).whenComplete(this::onReply);
  }

  /** The client answered: what comes next may be ready now. */
  synchronized void answered() {
    cancelKeepalive();
    if (held == 0) {
      poll();
    }
  }

  synchronized void stop() {
    stopped = true;
    cancelKeepalive();
  }

  synchronized boolean isStopped() {
    return stopped;
  }

  private synchronized void onReply(PollReply reply, Throwable failure) {
    held--;
    if (stopped) {
      return;
    }
    if (failure != null) {
      schedule(wait);
    } else if (reply instanceof PollReply.Action action) {
      if (!action.id().equals(lastActionId)) {
        lastActionId = action.id();
        sink.action(action);
      }
      schedule(wait.compareTo(RECHECK) < 0 ? wait : RECHECK);
    } else if (reply instanceof PollReply.Exit exit) {
      stop();
      sink.exit(exit.reason());
    } else if (held == 0) {
      poll();
    }
  }

  private void schedule(Duration delay) {
    if (keepalive == null || keepalive.isDone()) {
      keepalive = scheduler.schedule(this::poll, delay.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  private void cancelKeepalive() {
    if (keepalive != null) {
      keepalive.cancel(false);
      keepalive = null;
    }
  }
}
