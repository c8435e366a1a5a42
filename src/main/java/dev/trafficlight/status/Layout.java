package dev.trafficlight.status;

/** The frame every status page shares: head, navigation, the live indicator. */
final class Layout {
  /** Pages load only their own stylesheet and script, and nothing a client sent can run. */
  static final String CONTENT_SECURITY_POLICY = "default-src 'self'; style-src 'self'; script-src 'self'; "
      + "img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

  /** A little traffic light, inline so the browser asks the server for no favicon. */
  private static final String ICON = "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 16 16'%3E"
      + "%3Crect x='4' width='8' height='16' rx='2' fill='%2324292f'/%3E%3Ccircle cx='8' cy='3.5' r='2' fill='%23f85149'/%3E"
      + "%3Ccircle cx='8' cy='8' r='2' fill='%23d29922'/%3E%3Ccircle cx='8' cy='12.5' r='2' fill='%233fb950'/%3E%3C/svg%3E";

  private Layout() {}

  /**
   * A whole page. {@code bodyData} are data attributes (already escaped) that tell the page's
   * script what it shows; {@code script} is that script ({@code overview.js}, {@code case.js}) or null.
   */
  static String page(String title, String bodyData, String script, String main) {
    return "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        + "<title>" + Html.esc(title) + " · Trafficlight</title><link rel=\"icon\" href=\"" + ICON + "\">"
        + "<link rel=\"stylesheet\" href=\"" + Links.asset("status.css") + "\">"
        + (script == null ? "" : "<script src=\"" + Links.asset("live.js") + "\" defer></script>"
            + "<script src=\"" + Links.asset(script) + "\" defer></script>")
        + "</head>"
        + "<body " + bodyData + ">"
        + "<header class=\"top\"><a class=\"brand\" href=\"" + Links.STATUS + "\">"
        + "<span class=\"lights\" aria-hidden=\"true\"><i></i><i></i><i></i></span>Trafficlight</a>"
        + "<nav><a href=\"" + Links.STATUS + "\">Overview</a><a href=\"" + Links.JUNIT + "\">JUnit XML</a>"
        + "<a href=\"" + Links.API_CASES + "\">JSON</a><a href=\"" + Links.ACTIONS + "\">Actions</a></nav>"
        + "<span id=\"live\" class=\"live\" title=\"updates arrive as they happen\">static page</span></header>"
        + "<main>" + main + "</main>"
        + "<noscript><p class=\"muted center\">Scripts are off: reload the page to see changes.</p></noscript>"
        + "</body></html>";
  }

  /** A coloured state word the script can update. */
  static String badge(String state) {
    return "<span class=\"badge state-" + Html.esc(state) + "\" data-field=\"state\">" + Html.esc(state) + "</span>";
  }
}
