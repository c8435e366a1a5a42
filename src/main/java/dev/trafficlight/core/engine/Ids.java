package dev.trafficlight.core.engine;

import java.util.concurrent.ThreadLocalRandom;

/** Ids for actions and exits: 12 hex digits, unique enough within a coordinator's life. */
final class Ids {
  private Ids() {}

  static String next() {
    return String.format("%012x", ThreadLocalRandom.current().nextLong() & 0xffffffffffffL);
  }
}
