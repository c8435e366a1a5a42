package dev.trafficlight.status;

import dev.trafficlight.core.catalogue.Catalogue;
import dev.trafficlight.core.view.CaseView;
import dev.trafficlight.core.view.CoordinatorQuery;
import dev.trafficlight.core.scenario.Scenario;
import dev.trafficlight.report.JUnitReport;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The live status page, its JSON API and the JUnit report, on an existing Javalin app: {@code /}
 * (redirects), {@code /status}, {@code /status/case/{id}} with its files, {@code /status/actions} (the action
 * catalogue), {@code /status/events},
 * {@code /status/junit.xml} and {@code /api/...}. Everything is read-only.
 */
public final class StatusPage {
  /** The page's own stylesheet and script, shipped in the jar: the page makes no other requests. */
  private static final Map<String, String> ASSETS = Map.of(
      "status.css", "text/css; charset=utf-8",
      "live.js", "text/javascript; charset=utf-8",
      "overview.js", "text/javascript; charset=utf-8",
      "case.js", "text/javascript; charset=utf-8");

  private final CoordinatorQuery coordinator;
  private final Clock clock;
  private final Supplier<List<Notice>> notices;
  private final JUnitReport.Cache junit = new JUnitReport.Cache();

  private StatusPage(CoordinatorQuery coordinator, Clock clock, Supplier<List<Notice>> notices) {
    this.coordinator = coordinator;
    this.clock = clock;
    this.notices = notices;
  }

  /** Adds every status route to {@code app}; call before the app starts. */
  public static void install(Javalin app, CoordinatorQuery coordinator) {
    install(app, coordinator, Clock.systemUTC());
  }

  /** As {@link #install(Javalin, CoordinatorQuery)}, with the clock that "12 s ago" is measured against. */
  public static void install(Javalin app, CoordinatorQuery coordinator, Clock clock) {
    install(app, coordinator, clock, List::of);
  }

  /** As {@link #install(Javalin, CoordinatorQuery, Clock)}, showing the transports' notices on the overview. */
  public static void install(Javalin app, CoordinatorQuery coordinator, Clock clock, Supplier<List<Notice>> notices) {
    install(app, coordinator, clock, notices, Catalogue.builtIn());
  }

  /** As above, publishing this action catalogue at {@code /status/actions}. */
  public static void install(Javalin app, CoordinatorQuery coordinator, Clock clock, Supplier<List<Notice>> notices,
      Catalogue catalogue) {
    String actionsPage = CatalogueView.render(catalogue);
    app.get(Links.ACTIONS, ctx -> html(ctx, 200, actionsPage));
    StatusPage page = new StatusPage(coordinator, clock, notices);
    app.get(Links.ROOT, ctx -> ctx.redirect(Links.STATUS, HttpStatus.FOUND));
    app.get(Links.STATUS, page::overview);
    app.get(Links.CASE, page::kase);
    app.get(Links.CASE_FILE, new ArtifactFiles(coordinator)::serve);
    app.get(Links.JUNIT, page::junit);
    app.get(Links.ASSETS, StatusPage::asset);
    new LiveUpdates().install(app, coordinator);
    new StatusApi(coordinator, clock).install(app);
  }

  private void overview(Context ctx) {
    html(ctx, 200, OverviewView.render(notices.get(), coordinator.scenarios(), coordinator.cases(), coordinator.clients(),
        clock.instant(), Paging.page(ctx.queryParam("page"))));
  }

  private void kase(Context ctx) {
    String id = ctx.pathParam("id");
    Optional<CaseView> kase = coordinator.caseView(id);
    if (kase.isEmpty()) {
      html(ctx, 404, Layout.page("No such case", "data-page=\"missing\"", null, "<h1>No such case</h1><p>There is no case with id <code>"
          + Html.esc(id) + "</code>. <a href=\"" + Links.STATUS + "\">See every case.</a></p>"));
      return;
    }
    Scenario scenario = coordinator.scenarios().stream().filter(s -> s.name().equals(kase.get().scenario()))
        .findFirst().orElse(null);
    html(ctx, 200, CaseDetailView.render(scenario, kase.get()));
  }

  private void junit(Context ctx) {
    ctx.contentType("application/xml; charset=utf-8").header("Cache-Control", "no-store")
        .result(JUnitReport.write(coordinator.cases(), junit));
  }

  private static void asset(Context ctx) {
    String name = ctx.pathParam("name");
    String type = ASSETS.get(name);
    if (type == null) {
      StatusApi.send(ctx, 404, StatusApi.problem("no asset named '" + name + "'"));
      return;
    }
    ctx.contentType(type).header("Cache-Control", "no-cache").result(resource(name));
  }

  private static byte[] resource(String name) {
    try (InputStream in = StatusPage.class.getResourceAsStream("/trafficlight-status/" + name)) {
      if (in == null) throw new IllegalStateException("the jar lacks /trafficlight-status/" + name);
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void html(Context ctx, int status, String page) {
    ctx.status(status).contentType("text/html; charset=utf-8")
        .header("Content-Security-Policy", Layout.CONTENT_SECURITY_POLICY)
        .header("X-Content-Type-Options", "nosniff")
        .header("Cache-Control", "no-store")
        .result(page);
  }
}
