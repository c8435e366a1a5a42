package dev.trafficlight.cli;

import dev.trafficlight.core.view.CaseState;
import dev.trafficlight.core.view.CaseView;
import dev.trafficlight.report.JUnitReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What {@code run} leaves behind: a one-screen summary and, if asked, JUnit XML. */
final class Reports {
  private Reports() {}

  static void summary(List<CaseView> results, PrintWriter out) {
    out.println();
    out.println("Results");
    for (CaseView c : results) {
      out.println(String.format("  %-8s %s  (%s)", c.state().word(), c.id(), CaseLog.seconds(c)));
      if (c.state() != CaseState.PASSED && c.reason() != null) {
        out.println("           " + c.reason());
      }
      c.warnings().forEach(w -> out.println("           warning: " + w));
    }
    Map<CaseState, Long> counts = new TreeMap<>();
    results.forEach(c -> counts.merge(c.state(), 1L, Long::sum));
    out.println("Total: " + count(results.size(), "case") + ", " + counts.getOrDefault(CaseState.PASSED, 0L) + " passed, "
        + counts.getOrDefault(CaseState.FAILED, 0L) + " failed, " + counts.getOrDefault(CaseState.ERROR, 0L) + " in error"
        + (counts.containsKey(CaseState.INTERRUPTED) ? ", " + counts.get(CaseState.INTERRUPTED) + " interrupted" : ""));
  }

  /** "1 case", "2 cases". */
  static String count(long n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }

  static void writeJUnit(List<CaseView> results, Path file) throws IOException {
    JUnitReport.write(results, file);
  }
}
