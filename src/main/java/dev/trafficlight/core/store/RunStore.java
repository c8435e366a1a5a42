package dev.trafficlight.core.store;

import dev.trafficlight.core.view.CoordinatorListener;

/**
 * Where a coordinator keeps what must outlive it: registered clients, their tokens, and every
 * case that started or ended. It hears the coordinator as a listener, under the coordinator's
 * lock and in order, so what it holds is what the coordinator did; a case's end is durable before
 * its clients are told to exit. {@link #restored()} is what an earlier coordinator left behind.
 */
public interface RunStore extends CoordinatorListener, TokenLedger, AutoCloseable {
  /** What the store held when it was opened; empty for a new one. */
  Restored restored();

  @Override
  void close();

  /** Keeps nothing: a coordinator with it starts empty every time, as the demo does. */
  RunStore NONE = new RunStore() {
    @Override
    public Restored restored() {
      return Restored.EMPTY;
    }

    @Override
    public void on(dev.trafficlight.core.view.CoordinatorEvent event) { }

    @Override
    public void kept(String uuid, KeptToken token) { }

    @Override
    public void close() { }

    @Override
    public String toString() {
      return "no store";
    }
  };
}
