package dev.trafficlight.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waiting on something other threads bring about: a condition with a bound, never a fixed sleep. */
public final class Conditions {
  private Conditions() {}

  public static void await(BooleanSupplier condition, Duration limit, String what) throws InterruptedException {
    long end = System.nanoTime() + limit.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) throw new AssertionError("not within " + limit.toMillis() + " ms: " + what);
      Thread.sleep(10);
    }
  }
}
