package dev.trafficlight.status;

import dev.trafficlight.core.Json;
import dev.trafficlight.core.view.CaseView;
import dev.trafficlight.core.view.TimelineEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A case's timeline as swim lanes: one column for the coordinator's own steps, one per role, so
 * each client's actions and answers read down its own column.
 */
final class TimelineView {
  static final String COORDINATOR = "coordinator";

  private TimelineView() {}

  static String render(CaseView c) {
    List<String> lanes = lanes(c);
    StringBuilder s = new StringBuilder("<div class=\"scroll\"><table class=\"timeline\" data-lanes=\"")
        .append(Html.esc(String.join(",", lanes))).append("\"><thead><tr><th>Time</th><th>Step</th>");
    for (String lane : lanes) s.append("<th>").append(Html.esc(lane)).append("</th>");
    s.append("</tr></thead><tbody id=\"timeline-body\" data-length=\"").append(c.timeline().size()).append("\">");
    Instant origin = origin(c);
    for (TimelineEntry e : c.timeline()) {
      s.append("<tr class=\"kind-").append(kind(e)).append("\"><td class=\"time\" title=\"").append(e.at()).append("\">")
          .append(offset(origin, e.at())).append("</td><td>").append(Html.esc(e.step())).append("</td>");
      String lane = e.role() == null ? COORDINATOR : e.role();
      for (String l : lanes) {
        s.append("<td>").append(l.equals(lane) ? entry(e) : "").append("</td>");
      }
      s.append("</tr>");
    }
    if (c.timeline().isEmpty()) {
      s.append("<tr class=\"none\"><td colspan=\"").append(lanes.size() + 2).append("\">Nothing has happened yet.</td></tr>");
    }
    return s.append("</tbody></table></div>").toString();
  }

  static List<String> lanes(CaseView c) {
    List<String> lanes = new ArrayList<>();
    lanes.add(COORDINATOR);
    lanes.addAll(c.types().keySet());
    return lanes;
  }

  private static String entry(TimelineEntry e) {
    StringBuilder s = new StringBuilder("<span class=\"kind\">").append(kind(e)).append("</span> ");
    if (e.name() != null) s.append("<b>").append(Html.esc(e.name())).append("</b>");
    if (e.text() != null && !e.text().isEmpty()) {
      s.append(" <span class=\"text\">").append(Html.esc(Html.cut(e.text(), 2000))).append("</span>");
    }
    if (showsData(e)) {
      s.append("<pre class=\"data\">").append(Html.esc(Html.cut(Json.text(e.data()), 4000))).append("</pre>");
    }
    return s.toString();
  }

  /** An error's report is shown in full above the timeline; its entry keeps only the words. */
  private static boolean showsData(TimelineEntry e) {
    if (e.data() == null || (e.data().isObject() && e.data().isEmpty())) return false;
    return e.kind() != TimelineEntry.Kind.ERROR;
  }

  static String kind(TimelineEntry e) {
    return e.kind().name().toLowerCase(Locale.ROOT);
  }

  static Instant origin(CaseView c) {
    return c.startedAt() != null ? c.startedAt() : c.createdAt();
  }

  /** "+1.234 s" since the case started. */
  static String offset(Instant origin, Instant at) {
    long ms = Duration.between(origin, at).toMillis();
    return String.format(Locale.ROOT, "+%.3f s", ms / 1000.0);
  }
}
