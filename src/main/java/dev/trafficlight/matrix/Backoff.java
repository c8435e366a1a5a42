package dev.trafficlight.matrix;

import java.time.Duration;

/** Doubling delays between retries, from a floor to a ceiling; reset after a success. */
final class Backoff {
  private final Duration min;
  private final Duration max;
  private Duration next;

  Backoff(Duration min, Duration max) {
    this.min = min;
    this.max = max;
    this.next = min;
  }

  /** The delay before the next attempt; each call doubles the one after. */
  synchronized Duration next() {
    Duration current = next;
    next = next.multipliedBy(2).compareTo(max) > 0 ? max : next.multipliedBy(2);
    return current;
  }

  synchronized void reset() {
    next = min;
  }

  /** Sleeps for {@code delay}; false when interrupted (the flag is set again), meaning: stop retrying. */
  static boolean pause(Duration delay) {
    try {
      Thread.sleep(delay.toMillis());
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
