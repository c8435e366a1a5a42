package dev.trafficlight.status;

import dev.trafficlight.core.view.CaseState;
import dev.trafficlight.core.view.CaseView;
import dev.trafficlight.core.view.ClientView;
import dev.trafficlight.core.scenario.Scenario;
import java.time.Instant;
import java.util.List;

/** {@code /status}: every scenario with its counts, matrix and cases, then the clients. */
final class OverviewView {
  private OverviewView() {}

  static String render(List<Notice> notices, List<Scenario> scenarios, List<CaseView> cases, List<ClientView> clients,
      Instant now) {
    StringBuilder s = new StringBuilder();
    for (Notice notice : notices) {
      s.append("<section class=\"notice\"><strong>").append(Html.esc(notice.source())).append("</strong> ")
          .append(Html.esc(notice.text())).append("</section>");
    }
    s.append("<section class=\"summary\"><h1>Overview</h1>").append(counts("", cases)).append("</section>");
    if (scenarios.isEmpty()) s.append("<p class=\"muted\">No scenario is loaded.</p>");
    for (Scenario scenario : scenarios) {
      List<CaseView> own = cases.stream().filter(c -> c.scenario().equals(scenario.name())).toList();
      s.append(scenario(scenario, own));
    }
    s.append(ClientsView.render(clients, now));
    return Layout.page("Overview", "data-page=\"overview\"", "overview.js", s.toString());
  }

  private static String scenario(Scenario scenario, List<CaseView> cases) {
    StringBuilder s = new StringBuilder("<section class=\"scenario\" data-scenario=\"").append(Html.esc(scenario.name()))
        .append("\"><div class=\"scenario-head\"><h2>").append(Html.esc(scenario.name())).append("</h2>")
        .append(counts(scenario.name(), cases)).append("</div>");
    if (scenario.description() != null && !scenario.description().isBlank()) {
      s.append("<p class=\"description\">").append(Html.esc(scenario.description())).append("</p>");
    }
    s.append("<div class=\"scenario-body\"><div class=\"scroll\">").append(MatrixView.render(scenario, cases))
        .append("</div><div class=\"scroll\"><table class=\"list cases\"><thead><tr><th>Case</th><th>State</th>"
            + "<th>Where it stands</th><th>Time</th></tr></thead><tbody>");
    for (CaseView c : cases) {
      s.append("<tr data-case=\"").append(Html.esc(c.id())).append("\"><td class=\"nowrap\"><a href=\"")
          .append(Html.esc(Links.caseLink(c.id()))).append("\">").append(Html.esc(c.id())).append("</a></td><td>")
          .append(Layout.badge(c.state().word())).append("</td><td class=\"summary-text\" data-field=\"summary\">")
          .append(Html.esc(CaseText.summary(c))).append("</td><td class=\"nowrap\" data-field=\"duration\">")
          .append(Html.esc(Ago.length(c.startedAt(), c.endedAt()))).append("</td></tr>");
    }
    return s.append("</tbody></table></div></div></section>").toString();
  }

  /** One chip per state; {@code scope} is a scenario's name, or empty for all of them. */
  private static String counts(String scope, List<CaseView> cases) {
    StringBuilder s = new StringBuilder("<ul class=\"counts\" data-counts=\"").append(Html.esc(scope)).append("\">");
    for (CaseState state : CaseState.values()) {
      long n = cases.stream().filter(c -> c.state() == state).count();
      s.append("<li class=\"chip state-").append(state.word()).append(n == 0 ? " zero" : "").append("\" data-state=\"")
          .append(state.word()).append("\"><b>").append(n).append("</b> ").append(state.word()).append("</li>");
    }
    return s.append("</ul>").toString();
  }
}
