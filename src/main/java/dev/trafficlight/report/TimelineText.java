package dev.trafficlight.report;

import dev.trafficlight.core.Json;
import dev.trafficlight.core.view.CaseView;
import dev.trafficlight.core.view.TimelineEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/** A case's timeline as plain text, one line per entry, for logs and JUnit's system-out. */
public final class TimelineText {
  private TimelineText() {}

  /** "+0.120 s  [send]  alice  action  send_message  {...}" lines, times since the case started. */
  public static String of(CaseView c) {
    Instant origin = c.startedAt() != null ? c.startedAt() : c.createdAt();
    StringBuilder s = new StringBuilder();
    for (TimelineEntry e : c.timeline()) {
      appendSeconds(s, Duration.between(origin, e.at()).toMillis());
      s.append("  [").append(e.step() == null ? "-" : e.step()).append("]");
      s.append("  ").append(e.role() == null ? "coordinator" : e.role());
      s.append("  ").append(e.kind().name().toLowerCase(Locale.ROOT));
      if (e.name() != null) s.append("  ").append(e.name());
      if (e.data() != null && !(e.data().isObject() && e.data().isEmpty())) s.append("  ").append(Json.text(e.data()));
      if (e.text() != null && !e.text().isEmpty()) s.append("  ").append(e.text());
      s.append('\n');
    }
    return s.toString();
  }

  /** "   +0.120 s": what {@code %+9.3f s} prints, without a formatter per line (reports have thousands). */
  private static void appendSeconds(StringBuilder s, long millis) {
    long abs = Math.abs(millis);
    String number = (millis < 0 ? "-" : "+") + abs / 1000 + "." + (abs % 1000 < 100 ? (abs % 1000 < 10 ? "00" : "0") : "") + abs % 1000;
    for (int pad = 9 - number.length(); pad > 0; pad--) s.append(' ');
    s.append(number).append(" s");
  }
}
