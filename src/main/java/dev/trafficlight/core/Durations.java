package dev.trafficlight.core;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads and writes durations as people write them: {@code 500ms}, {@code 30s}, {@code 3m}, {@code 1h}. */
public final class Durations {
  private static final Pattern FORM = Pattern.compile("(\\d+)\\s*(ms|s|m|h)");

  /** No timeout, wait or retention is longer: a month is beyond any test, and far from overflow. */
  public static final Duration MAX = Duration.ofDays(30);

  private Durations() {}

  public static Duration parse(String text) {
    Matcher m = FORM.matcher(text.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a duration; write e.g. 500ms, 30s, 3m or 1h");
    }
    Duration d;
    try {
      long n = Long.parseLong(m.group(1));
      d = switch (m.group(2)) {
        case "ms" -> Duration.ofMillis(n);
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        default -> Duration.ofHours(n);
      };
    } catch (NumberFormatException | ArithmeticException tooLarge) {
      d = MAX.plusMillis(1);
    }
    if (d.compareTo(MAX) > 0) {
      throw new IllegalArgumentException("'" + text + "' is longer than the longest duration, " + format(MAX));
    }
    return d;
  }

  public static String format(Duration d) {
    long ms = d.toMillis();
    if (ms % 3_600_000 == 0 && ms > 0) return ms / 3_600_000 + "h";
    if (ms % 60_000 == 0 && ms > 0) return ms / 60_000 + "m";
    if (ms % 1000 == 0 && ms > 0) return ms / 1000 + "s";
    return ms + "ms";
  }
}
