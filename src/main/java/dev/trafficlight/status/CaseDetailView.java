package dev.trafficlight.status;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trafficlight.core.Json;
import dev.trafficlight.core.view.CaseState;
import dev.trafficlight.core.view.CaseView;
import dev.trafficlight.core.port.Artifact;
import dev.trafficlight.core.scenario.Scenario;
import java.util.Map;

/** {@code /status/case/{id}}: one case's state machine, outcome, members, timeline and files. */
final class CaseDetailView {
  private CaseDetailView() {}

  static String render(Scenario scenario, CaseView c) {
    StringBuilder s = new StringBuilder("<section class=\"case-head\"><p class=\"crumbs\"><a href=\"")
        .append(Links.STATUS).append("\">Overview</a> › ").append(Html.esc(c.scenario())).append("</p><h1>")
        .append(Html.esc(c.id())).append(' ').append(Layout.badge(c.state().word())).append("</h1>")
        .append(facts(c)).append("</section>");
    s.append(outcome(c));
    s.append("<div class=\"case-body\"><section class=\"machine-box\"><h2>State machine</h2>");
    s.append(scenario == null ? "<p class=\"muted\">The scenario is not loaded.</p>" : StateMachineSvg.render(scenario, c));
    s.append("</section><section class=\"side\">").append(members(c)).append(files(c)).append("</section></div>");
    s.append("<section><h2>Timeline</h2>").append(TimelineView.render(c)).append("</section>");
    String data = "data-page=\"case\" data-case=\"" + Html.esc(c.id()) + "\" data-api=\"" + Html.esc(Links.apiCase(c.id())) + "\"";
    return Layout.page(c.id(), data, "case.js", s.toString());
  }

  private static String facts(CaseView c) {
    return "<dl class=\"facts\"><div><dt>Created</dt><dd>" + time(c.createdAt()) + "</dd></div>"
        + "<div><dt>Started</dt><dd data-field=\"started\">" + time(c.startedAt()) + "</dd></div>"
        + "<div><dt>Ended</dt><dd data-field=\"ended\">" + time(c.endedAt()) + "</dd></div>"
        + "<div><dt>Duration</dt><dd data-field=\"duration\">" + Html.esc(Ago.length(c.startedAt(), c.endedAt())) + "</dd></div>"
        + "</dl>";
  }

  private static String time(java.time.Instant at) {
    return at == null ? "–" : "<time datetime=\"" + at + "\">" + at.toString().replace('T', ' ').replaceAll("\\.\\d+Z$", "Z") + "</time>";
  }

  /** Where the case stands: why it waits, what it waits for, or how it ended and what the client said. */
  private static String outcome(CaseView c) {
    StringBuilder s = new StringBuilder("<section class=\"outcome state-").append(c.state().word())
        .append("\" id=\"outcome\"><p class=\"headline\" data-field=\"headline\">").append(Html.esc(headline(c)))
        .append("</p><ul data-field=\"waiting\">");
    if (c.state() == CaseState.WAITING) c.waitingFor().forEach(w -> s.append("<li>").append(Html.esc(w)).append("</li>"));
    s.append("</ul><div data-field=\"error\">").append(errorDetails(c.errorDetails())).append("</div>");
    if (!c.warnings().isEmpty()) {
      s.append("<ul class=\"warnings\" data-field=\"warnings\">");
      c.warnings().forEach(w -> s.append("<li>warning: ").append(Html.esc(w)).append("</li>"));
      s.append("</ul>");
    }
    return s.append("</section>").toString();
  }

  /** The waiting reasons get a list of their own, so the headline of a waiting case only says so. */
  static String headline(CaseView c) {
    return c.state() == CaseState.WAITING ? WAITING_HEADLINE : CaseText.summary(c);
  }

  static final String WAITING_HEADLINE = "Waiting: no idle client can play these roles yet";

  static String errorDetails(JsonNode report) {
    if (report == null) return "";
    JsonNode error = report.path("error");
    StringBuilder s = new StringBuilder("<h3>The client's report</h3><dl class=\"facts\">");
    s.append("<div><dt>Type</dt><dd>").append(Html.esc(Json.text(error.path("type")))).append("</dd></div>");
    if (!error.path("path").isMissingNode()) {
      s.append("<div><dt>Path</dt><dd>").append(Html.esc(Json.text(error.path("path")))).append("</dd></div>");
    }
    s.append("</dl><pre class=\"details\">").append(Html.esc(Json.text(error.isMissingNode() ? report : error.path("details"))))
        .append("</pre>");
    return s.toString();
  }

  private static String members(CaseView c) {
    StringBuilder s = new StringBuilder("<h2>Roles</h2><table class=\"list\"><thead><tr><th>Role</th><th>Type</th>"
        + "<th>Client</th><th>Asked</th></tr></thead><tbody id=\"members-body\">");
    for (Map.Entry<String, String> role : c.types().entrySet()) {
      CaseView.Member m = c.members().get(role.getKey());
      s.append("<tr data-role=\"").append(Html.esc(role.getKey())).append("\"><td><b>").append(Html.esc(role.getKey()))
          .append("</b></td><td>").append(Html.esc(CaseText.type(role.getValue()))).append("</td><td><code>")
          .append(m == null ? "" : Html.esc(m.uuid())).append("</code></td><td data-field=\"pending\">")
          .append(m == null || m.pendingAction() == null ? "" : "<code>" + Html.esc(m.pendingAction()) + "</code>")
          .append("</td></tr>");
    }
    return s.append("</tbody></table>").toString();
  }

  private static String files(CaseView c) {
    StringBuilder s = new StringBuilder("<h2>Files</h2><ul class=\"files\" id=\"files\">");
    for (int i = 0; i < c.artifacts().size(); i++) {
      Artifact a = c.artifacts().get(i);
      s.append("<li><a href=\"").append(Html.esc(Links.fileLink(c.id(), i))).append("\" download>")
          .append(Html.esc(a.name())).append("</a> <span class=\"muted\">").append(a.size()).append(" bytes</span></li>");
    }
    if (c.artifacts().isEmpty()) s.append("<li class=\"muted\">No files uploaded.</li>");
    return s.append("</ul>").toString();
  }
}
