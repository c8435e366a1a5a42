package dev.trafficlight.status;

import dev.trafficlight.core.view.CaseState;
import dev.trafficlight.core.view.CaseView;
import java.util.stream.Collectors;

/** One line on where a case stands, the same on the page and in the API. */
final class CaseText {
  private CaseText() {}

  static String summary(CaseView c) {
    if (c.state() == CaseState.WAITING) {
      return c.waitingFor().isEmpty() ? "waiting for clients" : "waits: " + String.join("; ", c.waitingFor());
    }
    if (c.state() == CaseState.PREPARING) {
      return "preparing its servers " + c.serverTypes().keySet();
    }
    if (c.state() == CaseState.RUNNING) {
      String pending = c.members().entrySet().stream().filter(e -> e.getValue().pendingAction() != null)
          .map(e -> e.getKey() + " (" + e.getValue().pendingAction() + ")").collect(Collectors.joining(", "));
      String step = c.currentStep() == null ? "starting" : "at step '" + c.currentStep() + "'";
      return pending.isEmpty() ? step : step + ", waiting for " + pending;
    }
    String ended = c.reason() == null ? c.state().word() : c.reason();
    int n = c.warnings().size();
    return n == 0 ? ended : ended + " — with " + n + (n == 1 ? " warning" : " warnings");
  }

  /** "any" for a role that takes every type. */
  static String type(String type) {
    return type == null ? "any" : type;
  }
}
