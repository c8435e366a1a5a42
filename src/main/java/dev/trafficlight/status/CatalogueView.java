package dev.trafficlight.status;

import dev.trafficlight.core.catalogue.ActionSpec;
import dev.trafficlight.core.catalogue.Catalogue;
import dev.trafficlight.core.catalogue.FieldSpec;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The action catalogue as a page: every action with its data, its answers and the clients known to do it. */
final class CatalogueView {
  private CatalogueView() {}

  static String render(Catalogue catalogue) {
    StringBuilder s = new StringBuilder("<section class=\"catalogue\"><h1>Actions</h1><p class=\"description\">What a "
        + "scenario may ask a client to do, and what the client may answer. Scenarios are checked against it "
        + "(<code>trafficlight validate</code>); adapter authors implement it. Any action may also be answered "
        + "<code>" + ActionSpec.ERROR_WORD + "</code>. <code>trafficlight catalogue</code> prints it as Markdown, or as "
        + "JSON Schema with <code>--format json-schema</code>.</p><p>");
    s.append(catalogue.actions().stream().map(a -> "<a href=\"#" + anchor(a.name()) + "\"><code>" + Html.esc(a.name())
        + "</code></a>").collect(Collectors.joining(" · ")));
    s.append("</p></section>");
    catalogue.actions().forEach(a -> s.append(action(a)));
    return Layout.page("Actions", "data-page=\"actions\"", null, s.toString());
  }

  private static String action(ActionSpec a) {
    StringBuilder s = new StringBuilder("<section class=\"action\" id=\"").append(anchor(a.name())).append("\"><h2><code>")
        .append(Html.esc(a.name())).append("</code></h2><p class=\"description\">").append(Html.esc(a.description())).append("</p>");
    s.append("<dl class=\"facts\">");
    fact(s, "Answers", a.answers().isEmpty() ? "any word" : codes(a.answers()));
    fact(s, "Clients", a.clients().isEmpty() ? "none known" : codes(a.clients()));
    if (!a.aliases().isEmpty()) fact(s, "Also called", codes(a.aliases()));
    s.append("</dl>");
    s.append(fields("Data", a.data())).append(fields("Answer data", a.answerData()));
    return s.append("</section>").toString();
  }

  private static void fact(StringBuilder s, String label, String valueHtml) {
    s.append("<div><dt class=\"muted\">").append(label).append("</dt><dd>").append(valueHtml).append("</dd></div>");
  }

  private static String fields(String title, Map<String, FieldSpec> fields) {
    if (fields.isEmpty()) return "";
    StringBuilder s = new StringBuilder("<h3>").append(title).append("</h3><div class=\"scroll\"><table class=\"list\"><thead><tr>"
        + "<th>Field</th><th>Type</th><th>Required</th><th>Meaning</th></tr></thead><tbody>");
    for (FieldSpec.Named n : FieldSpec.flatten(fields)) {
      s.append("<tr><td><code>").append(Html.esc(n.path())).append("</code></td><td>").append(Html.esc(n.field().type().word()))
          .append("</td><td>").append(n.field().required() ? "yes" : "no").append("</td><td>")
          .append(Html.esc(n.field().description())).append("</td></tr>");
    }
    return s.append("</tbody></table></div>").toString();
  }

  private static String codes(List<String> words) {
    return words.stream().map(w -> "<code>" + Html.esc(w) + "</code>").collect(Collectors.joining(", "));
  }

  /** An id attribute for an action: its name, which a catalogue may write with any characters. */
  static String anchor(String name) {
    return "action-" + Links.segment(name).replace("%", "_");
  }
}
