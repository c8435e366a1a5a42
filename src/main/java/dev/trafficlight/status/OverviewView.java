package dev.trafficlight.status;

import dev.trafficlight.core.view.CaseState;
import dev.trafficlight.core.view.CaseView;
import dev.trafficlight.core.view.ClientView;
import dev.trafficlight.core.scenario.Scenario;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@code /status}: every scenario with its counts, matrix and cases, then the clients. */
final class OverviewView {
  private OverviewView() {}

  static String render(List<Notice> notices, List<Scenario> scenarios, List<CaseView> cases, List<ClientView> clients,
      Instant now) {
    return render(notices, scenarios, cases, clients, now, 1);
  }

  /** Page {@code page} of the scenarios; counts are always of everything. */
  static String render(List<Notice> notices, List<Scenario> scenarios, List<CaseView> cases, List<ClientView> clients,
      Instant now, int page) {
    StringBuilder s = new StringBuilder();
    for (Notice notice : notices) {
      s.append("<section class=\"notice\"><strong>").append(Html.esc(notice.source())).append("</strong> ")
          .append(Html.esc(notice.text())).append("</section>");
    }
    s.append("<section class=\"summary\"><h1>Overview</h1>").append(counts("", cases)).append("</section>");
    if (scenarios.isEmpty()) s.append("<p class=\"muted\">No scenario is loaded.</p>");
    int pages = Math.max(1, (scenarios.size() + Paging.SCENARIOS_PER_PAGE - 1) / Paging.SCENARIOS_PER_PAGE);
    int shown = Math.min(page, pages);
    int from = (shown - 1) * Paging.SCENARIOS_PER_PAGE;
    List<Scenario> onPage = scenarios.subList(from, Math.min(scenarios.size(), from + Paging.SCENARIOS_PER_PAGE));
    Map<String, List<CaseView>> byScenario = new HashMap<>();
    for (CaseView c : cases) byScenario.computeIfAbsent(c.scenario(), k -> new ArrayList<>()).add(c);
    String pager = pages == 1 ? "" : pager(shown, pages, scenarios.size());
    s.append(pager);
    for (Scenario scenario : onPage) {
      s.append(scenario(scenario, byScenario.getOrDefault(scenario.name(), List.of())));
    }
    s.append(pager);
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
    for (CaseView c : Paging.telling(cases)) {
      s.append("<tr data-case=\"").append(Html.esc(c.id())).append("\"><td class=\"nowrap\"><a href=\"")
          .append(Html.esc(Links.caseLink(c.id()))).append("\">").append(Html.esc(c.id())).append("</a></td><td>")
          .append(Layout.badge(c.state().word())).append("</td><td class=\"summary-text\" data-field=\"summary\">")
          .append(Html.esc(CaseText.summary(c))).append("</td><td class=\"nowrap\" data-field=\"duration\">")
          .append(Html.esc(Ago.length(c.startedAt(), c.endedAt()))).append("</td></tr>");
    }
    s.append("</tbody></table>");
    if (cases.size() > Paging.CASE_ROWS_PER_SCENARIO) {
      s.append("<p class=\"muted more\">").append(cases.size() - Paging.CASE_ROWS_PER_SCENARIO)
          .append(" more cases: every cell of the matrix links to its case; all are listed at <a href=\"")
          .append(Html.esc(Links.API_CASES + "?scenario=" + Links.segment(scenario.name()))).append("\">the JSON API</a>.</p>");
    }
    return s.append("</div></div></section>").toString();
  }

  private static String pager(int page, int pages, int scenarios) {
    StringBuilder s = new StringBuilder("<nav class=\"pager\" data-paged=\"true\">Scenarios ")
        .append((page - 1) * Paging.SCENARIOS_PER_PAGE + 1).append("–")
        .append(Math.min(scenarios, page * Paging.SCENARIOS_PER_PAGE)).append(" of ").append(scenarios).append(" · ");
    if (page > 1) s.append("<a href=\"").append(Links.STATUS).append("?page=").append(page - 1).append("\">← previous</a> ");
    s.append("page ").append(page).append(" of ").append(pages);
    if (page < pages) s.append(" <a href=\"").append(Links.STATUS).append("?page=").append(page + 1).append("\">next →</a>");
    return s.append("</nav>").toString();
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
