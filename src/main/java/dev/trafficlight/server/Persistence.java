package dev.trafficlight.server;

/** What a coordinator keeps in its data folder, and takes back when it starts there again. */
public enum Persistence {
  /** Nothing: every start is fresh (the demo, whose simulated clients do not outlive it). */
  NONE,
  /** Clients, tokens and every case that started; cases that were running come back {@code interrupted}. */
  KEEP,
  /** As {@link #KEEP}, and interrupted cases wait again, to run first with the clients that had them. */
  KEEP_AND_RERUN_INTERRUPTED
}
