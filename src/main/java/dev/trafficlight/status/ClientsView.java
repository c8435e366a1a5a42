package dev.trafficlight.status;

import dev.trafficlight.core.Json;
import dev.trafficlight.core.view.ClientView;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The table of registered clients: who they are, what they do, when they last spoke. */
final class ClientsView {
  /** Registration fields with their own column. */
  static final Set<String> OWN_COLUMNS = Set.of("type", "version");

  private ClientsView() {}

  static String render(List<ClientView> clients, Instant now) {
    StringBuilder s = new StringBuilder("<section class=\"clients\"><h2>Clients <span class=\"count\" id=\"client-count\">")
        .append(clients.size()).append("</span></h2>");
    s.append("<div class=\"scroll\"><table class=\"list\"><thead><tr><th>UUID</th><th>Type</th><th>Version</th>"
        + "<th>Other fields</th><th>Transport</th><th>State</th><th>Last poll</th><th>Last answer</th>"
        + "<th>Current action</th></tr></thead><tbody id=\"clients-body\">");
    for (ClientView c : Paging.busiest(clients, Paging.CLIENT_ROWS)) s.append(row(c, now));
    if (clients.size() > Paging.CLIENT_ROWS) {
      s.append("<tr class=\"more\"><td colspan=\"9\" class=\"muted\">").append(clients.size() - Paging.CLIENT_ROWS)
          .append(" more clients, idle or exited: all are listed at <a href=\"").append(Links.API_CLIENTS)
          .append("\">the JSON API</a>.</td></tr>");
    }
    if (clients.isEmpty()) s.append("<tr class=\"none\"><td colspan=\"9\">No client has registered yet.</td></tr>");
    return s.append("</tbody></table></div></section>").toString();
  }

  private static String row(ClientView c, Instant now) {
    return "<tr data-client=\"" + Html.esc(c.uuid()) + "\"><td><code>" + Html.esc(c.uuid()) + "</code></td>"
        + "<td class=\"nowrap\">" + Html.esc(c.type()) + "</td>"
        + "<td>" + Html.esc(c.registration().path("version").asText("")) + "</td>"
        + "<td class=\"fields\">" + otherFields(c) + "</td>"
        + "<td>" + Html.esc(c.transport()) + "</td>"
        + "<td>" + state(c) + "</td>"
        + "<td>" + Ago.element(c.lastPoll(), now) + "</td>"
        + "<td>" + Ago.element(c.lastAnswer(), now) + "</td>"
        + "<td>" + (c.currentAction() == null ? "" : "<code>" + Html.esc(c.currentAction()) + "</code>") + "</td></tr>";
  }

  private static String otherFields(ClientView c) {
    StringBuilder s = new StringBuilder();
    for (Iterator<Map.Entry<String, com.fasterxml.jackson.databind.JsonNode>> it = c.registration().fields(); it.hasNext(); ) {
      Map.Entry<String, com.fasterxml.jackson.databind.JsonNode> field = it.next();
      if (OWN_COLUMNS.contains(field.getKey())) continue;
      s.append("<span class=\"field\"><b>").append(Html.esc(field.getKey())).append("</b> ")
          .append(Html.esc(Html.cut(Json.text(field.getValue()), 120))).append("</span> ");
    }
    return s.toString();
  }

  private static String state(ClientView c) {
    String badge = "<span class=\"badge client-" + Html.esc(c.state()) + "\">" + Html.esc(c.state().replace('_', ' ')) + "</span>";
    if ("in_case".equals(c.state())) {
      return badge + " <a href=\"" + Html.esc(Links.caseLink(c.caseId())) + "\">" + Html.esc(c.caseId()) + "</a> as <b>"
          + Html.esc(c.role()) + "</b>";
    }
    if ("exited".equals(c.state()) && c.exitReason() != null) {
      if (c.caseId() == null) return badge + " <span class=\"muted\">" + Html.esc(Html.cut(c.exitReason(), 140)) + "</span>";
      // the reason starts by naming the case; the link names it instead
      String prefix = "case " + c.caseId() + " ";
      String rest = c.exitReason().startsWith(prefix) ? c.exitReason().substring(prefix.length()) : c.exitReason();
      return badge + " <a href=\"" + Html.esc(Links.caseLink(c.caseId())) + "\">" + Html.esc(c.caseId()) + "</a> <span class=\"muted\">"
          + Html.esc(Html.cut(rest, 140)) + "</span>";
    }
    return badge;
  }
}
