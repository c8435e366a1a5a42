package dev.trafficlight.cli;

import dev.trafficlight.core.LogText;
import dev.trafficlight.core.view.CaseView;
import dev.trafficlight.core.view.CoordinatorEvent;
import dev.trafficlight.core.view.CoordinatorListener;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.stream.Collectors;

/** One line per case start and end, for people watching a terminal. */
final class CaseLog implements CoordinatorListener {
  private final PrintWriter out;

  CaseLog(PrintWriter out) {
    this.out = out;
  }

  @Override
  public void on(CoordinatorEvent event) {
    if (event instanceof CoordinatorEvent.CaseStarted started) {
      CaseView c = started.kase();
      out.println("started  " + LogText.clean(c.id()) + "  " + c.members().entrySet().stream()
          .map(e -> e.getKey() + "=" + LogText.clean(e.getValue().uuid())).collect(Collectors.joining(" ")));
    } else if (event instanceof CoordinatorEvent.CaseEnded ended) {
      CaseView c = ended.kase();
      out.println(String.format("%-8s %s  (%s)  %s", c.state().word(), LogText.clean(c.id()), seconds(c),
          LogText.clean(c.reason())));
    }
    out.flush();
  }

  static String seconds(CaseView c) {
    if (c.startedAt() == null || c.endedAt() == null) return "-";
    return String.format("%.1f s", Duration.between(c.startedAt(), c.endedAt()).toMillis() / 1000.0);
  }
}
