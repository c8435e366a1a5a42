package dev.trafficlight.status;

import java.time.Duration;
import java.time.Instant;

/** "12 s ago": how long ago something happened, in words people read at a glance. */
final class Ago {
  private Ago() {}

  static String text(Instant then, Instant now) {
    if (then == null) return "never";
    long s = Math.max(0, Duration.between(then, now).toSeconds());
    if (s < 120) return s + " s ago";
    if (s < 7200) return s / 60 + " min ago";
    return s / 3600 + " h ago";
  }

  /** A {@code <time>} element the page's script keeps current. */
  static String element(Instant then, Instant now) {
    if (then == null) return "<span class=\"muted\">never</span>";
    return "<time datetime=\"" + then + "\" data-ago>" + text(then, now) + "</time>";
  }

  /** "1.2 s", "3 min 4 s": the length of a run. */
  static String length(Instant from, Instant to) {
    if (from == null || to == null) return "";
    long ms = Math.max(0, Duration.between(from, to).toMillis());
    if (ms < 60_000) return String.format(java.util.Locale.ROOT, "%.1f s", ms / 1000.0);
    return ms / 60_000 + " min " + (ms / 1000) % 60 + " s";
  }
}
