package dev.trafficlight.core.engine;

import java.util.concurrent.ThreadLocalRandom;

/** Ids for actions and exits: 12 hex digits, unique enough within a coordinator's life. */
final class Ids {
  private Ids() {}

  private static final String ZEROS = "000000000000";

  /** Without a formatter: an unknown client's every poll takes one. */
  static String next() {
    String hex = Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffffffffL);
    return ZEROS.substring(hex.length()) + hex;
  }
}
