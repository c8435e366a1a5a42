package dev.trafficlight.status;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trafficlight.core.Json;
import dev.trafficlight.core.view.CaseView;
import dev.trafficlight.core.view.ClientView;
import dev.trafficlight.core.view.CoordinatorQuery;
import dev.trafficlight.core.scenario.Scenario;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.List;

/** The read-only JSON API under {@code /api/}: scenarios, cases with their timelines, clients. */
final class StatusApi {
  private final CoordinatorQuery coordinator;
  private final Clock clock;

  StatusApi(CoordinatorQuery coordinator, Clock clock) {
    this.coordinator = coordinator;
    this.clock = clock;
  }

  void install(Javalin app) {
    app.get(Links.API_SCENARIOS, this::scenarios);
    app.get(Links.API_CASES, this::cases);
    app.get(Links.API_CASE, this::kase);
    app.get(Links.API_CLIENTS, this::clients);
    app.get(Links.API_CLIENT, this::client);
  }

  private void scenarios(Context ctx) {
    List<CaseView> cases = coordinator.cases();
    List<ObjectNode> items = coordinator.scenarios().stream()
        .map(s -> ApiJson.scenario(s, casesOf(s, cases))).toList();
    send(ctx, 200, ApiJson.document(clock.instant(), "scenarios", items));
  }

  private static List<CaseView> casesOf(Scenario scenario, List<CaseView> cases) {
    return cases.stream().filter(c -> c.scenario().equals(scenario.name())).toList();
  }

  /** Every case, or one scenario's with {@code ?scenario=}; timelines only with {@code ?timeline=true}. */
  private void cases(Context ctx) {
    String scenario = ctx.queryParam("scenario");
    boolean timeline = "true".equals(ctx.queryParam("timeline"));
    List<ObjectNode> items = coordinator.cases().stream()
        .filter(c -> scenario == null || c.scenario().equals(scenario))
        .map(c -> ApiJson.kase(c, timeline)).toList();
    send(ctx, 200, ApiJson.document(clock.instant(), "cases", items));
  }

  private void kase(Context ctx) {
    String id = ctx.pathParam("id");
    coordinator.caseView(id).ifPresentOrElse(
        c -> send(ctx, 200, ApiJson.kase(c, true).put("now", ApiJson.time(clock.instant()))),
        () -> send(ctx, 404, problem("no case with id '" + id + "'")));
  }

  /** Every client, or with {@code ?limit=N} the N busiest (in a case, then idle, then exited) and {@code total}. */
  private void clients(Context ctx) {
    List<ClientView> all = coordinator.clients();
    String limit = ctx.queryParam("limit");
    List<ClientView> shown = limit == null ? all : Paging.busiest(all, Paging.page(limit));
    ObjectNode doc = ApiJson.document(clock.instant(), "clients", shown.stream().map(ApiJson::client).toList());
    send(ctx, 200, doc.put("total", all.size()));
  }

  private void client(Context ctx) {
    String uuid = ctx.pathParam("uuid");
    coordinator.client(uuid).ifPresentOrElse(
        c -> send(ctx, 200, ApiJson.client(c)),
        () -> send(ctx, 404, problem("no client registered with UUID '" + uuid + "'")));
  }

  /** The same shape as the client transport's errors: {@code {"error", "code"}}. */
  static ObjectNode problem(String message) {
    return Json.object().put("error", message).put("code", "not_found");
  }

  static void send(Context ctx, int status, JsonNode body) {
    try {
      ctx.status(status).contentType("application/json; charset=utf-8")
          .header("Cache-Control", "no-store").result(Json.MAPPER.writeValueAsString(body));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serialises", e);
    }
  }
}
