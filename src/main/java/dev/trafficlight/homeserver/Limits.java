package dev.trafficlight.homeserver;

import java.time.Duration;

/** How much this in-memory homeserver keeps: enough for a demo's few dozen rooms, bounded for a demo left running. */
final class Limits {
  static final int ACCOUNTS = 1_000;
  static final int ROOMS = 1_000;
  static final int EVENTS = 200_000;
  /** A real server's cap on a whole event (Synapse: 65,536 bytes, envelope included). */
  static final int EVENT_BYTES = 65_536;
  /** What the envelope (ids, sender, timestamp) adds to an event's content. */
  static final int ENVELOPE_BYTES = 400;
  static final int MEDIA_FILE_BYTES = 8 * 1024 * 1024;
  static final long MEDIA_TOTAL_BYTES = 256L * 1024 * 1024;
  /** The longest a {@code /sync} is held open, whatever {@code timeout} asks. */
  static final Duration SYNC_HOLD = Duration.ofSeconds(30);
  static final int TIMELINE_LIMIT_DEFAULT = 10;
  static final int TIMELINE_LIMIT_MAX = 1_000;
  /** Requests served at once; a held {@code /sync} takes one, so this is also the most clients syncing together. */
  static final int THREADS = 64;

  private Limits() {}
}
