package dev.trafficlight.status;

import dev.trafficlight.core.view.CaseView;
import dev.trafficlight.core.scenario.Role;
import dev.trafficlight.core.scenario.Scenario;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The grid of outcomes: one row per client type of the first role, one column per client type of
 * the second. With three or more roles, or servers that name types, each column is one
 * combination of the other roles' and servers' types, so every case still has exactly one cell;
 * with one role there is a single row.
 */
final class MatrixView {
  private MatrixView() {}

  static String render(Scenario scenario, List<CaseView> cases) {
    List<Role> roles = new ArrayList<>(scenario.roles().values());
    for (String server : scenario.servers()) {
      if (!scenario.typesOf(server).isEmpty()) roles.add(new Role(server, scenario.typesOf(server), Map.of()));
    }
    Map<List<String>, CaseView> byTypes = new HashMap<>();
    for (CaseView c : cases) {
      byTypes.put(roles.stream().map(r -> CaseText.type(c.types().containsKey(r.name()) ? c.types().get(r.name())
          : c.serverTypes().get(r.name()))).toList(), c);
    }
    List<List<String>> rows = roles.isEmpty() ? List.of(List.of()) : combinations(roles.subList(0, 1));
    List<List<String>> columns = roles.size() < 2 ? List.of(List.of()) : combinations(roles.subList(1, roles.size()));

    StringBuilder s = new StringBuilder("<table class=\"matrix\"><thead><tr><th class=\"corner\">");
    s.append(Html.esc(corner(roles))).append("</th>");
    for (List<String> column : columns) {
      s.append("<th scope=\"col\">").append(Html.esc(columnHeader(roles, column))).append("</th>");
    }
    s.append("</tr></thead><tbody>");
    for (List<String> row : rows) {
      s.append("<tr><th scope=\"row\">").append(Html.esc(row.isEmpty() ? scenario.name() : row.get(0))).append("</th>");
      for (List<String> column : columns) {
        List<String> key = new ArrayList<>(row);
        key.addAll(column);
        s.append(cell(byTypes.get(key)));
      }
      s.append("</tr>");
    }
    return s.append("</tbody></table>").toString();
  }

  private static String cell(CaseView c) {
    if (c == null) return "<td class=\"cell empty\">–</td>";
    String state = c.state().word();
    return "<td class=\"cell state-" + state + "\" data-cell=\"" + Html.esc(c.id()) + "\" title=\""
        + Html.esc(c.id() + ": " + CaseText.summary(c)) + "\"><a href=\"" + Html.esc(Links.caseLink(c.id()))
        + "\">" + state + "</a></td>";
  }

  private static String corner(List<Role> roles) {
    if (roles.isEmpty()) return "";
    if (roles.size() == 1) return roles.get(0).name();
    return roles.get(0).name() + " ╲ " + roles.subList(1, roles.size()).stream().map(Role::name)
        .collect(Collectors.joining(", "));
  }

  private static String columnHeader(List<Role> roles, List<String> column) {
    if (roles.size() < 2) return "outcome";
    return String.join(", ", column);
  }

  /** Every combination of the roles' types, in the order the scenario lists them. */
  private static List<List<String>> combinations(List<Role> roles) {
    List<List<String>> result = new ArrayList<>();
    result.add(List.of());
    for (Role role : roles) {
      List<String> types = role.types().isEmpty() ? Collections.singletonList(null) : role.types();
      List<List<String>> next = new ArrayList<>();
      for (List<String> partial : result) {
        for (String type : types) {
          List<String> extended = new ArrayList<>(partial);
          extended.add(CaseText.type(type));
          next.add(extended);
        }
      }
      result = next;
    }
    return result;
  }
}
