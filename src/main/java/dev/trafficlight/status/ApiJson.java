package dev.trafficlight.status;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trafficlight.core.Json;
import dev.trafficlight.core.view.CaseState;
import dev.trafficlight.core.view.CaseView;
import dev.trafficlight.core.view.ClientView;
import dev.trafficlight.core.view.TimelineEntry;
import dev.trafficlight.core.port.Artifact;
import dev.trafficlight.core.scenario.Role;
import dev.trafficlight.core.scenario.Scenario;
import dev.trafficlight.core.scenario.Step;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** The JSON API's documents (transports/status-api.md); every field name on that wire is here. */
final class ApiJson {
  private ApiJson() {}

  static ObjectNode scenario(Scenario scenario, List<CaseView> cases) {
    ObjectNode s = Json.object().put("name", scenario.name()).put("description", scenario.description())
        .put("source", scenario.source());
    ObjectNode roles = s.putObject("roles");
    for (Role role : scenario.roles().values()) {
      ObjectNode r = roles.putObject(role.name());
      role.types().forEach(r.putArray("types")::add);
      ObjectNode requirements = r.putObject("requirements");
      role.requirements().forEach((field, req) -> requirements.put(field, req.toString()));
    }
    scenario.servers().forEach(s.putArray("servers")::add);
    ArrayNode steps = s.putArray("steps");
    for (Step step : scenario.steps()) {
      steps.addObject().put("id", step.id()).put("kind", step.getClass().getSimpleName().toLowerCase(Locale.ROOT))
          .put("detail", Transitions.detail(step));
    }
    ArrayNode edges = s.putArray("edges");
    Transitions.of(scenario).edges.forEach(e -> edges.addObject().put("from", e.from()).put("to", e.to()).put("label", e.label()));
    ObjectNode counts = s.putObject("counts");
    for (CaseState state : CaseState.values()) {
      counts.put(state.word(), cases.stream().filter(c -> c.state() == state).count());
    }
    cases.forEach(c -> s.withArray("cases").add(c.id()));
    return s;
  }

  /** A case; with {@code timeline} false the timeline is left out (lists stay small). */
  static ObjectNode kase(CaseView c, boolean timeline) {
    ObjectNode o = Json.object().put("id", c.id()).put("scenario", c.scenario()).put("state", c.state().word())
        .put("reason", c.reason()).put("summary", CaseText.summary(c)).put("url", Links.caseLink(c.id()));
    ObjectNode types = o.putObject("types");
    c.types().forEach(types::put);
    ObjectNode serverTypes = o.putObject("server_types");
    c.serverTypes().forEach(serverTypes::put);
    ObjectNode members = o.putObject("members");
    c.members().forEach((role, m) -> members.putObject(role).put("uuid", m.uuid()).put("type", m.type())
        .put("pending_action", m.pendingAction()));
    o.put("current_step", c.currentStep());
    c.visitedSteps().forEach(o.putArray("visited_steps")::add);
    c.warnings().forEach(o.putArray("warnings")::add);
    o.put("created_at", time(c.createdAt())).put("started_at", time(c.startedAt())).put("ended_at", time(c.endedAt()));
    if (c.startedAt() != null && c.endedAt() != null) {
      o.put("duration_ms", Duration.between(c.startedAt(), c.endedAt()).toMillis());
    } else {
      o.putNull("duration_ms");
    }
    c.waitingFor().forEach(o.putArray("waiting_for")::add);
    o.set("error", c.errorDetails());
    ArrayNode artifacts = o.putArray("artifacts");
    for (int i = 0; i < c.artifacts().size(); i++) {
      Artifact a = c.artifacts().get(i);
      artifacts.addObject().put("name", a.name()).put("size", a.size()).put("content_type", a.contentType())
          .put("url", Links.fileLink(c.id(), i));
    }
    o.put("timeline_length", c.timeline().size());
    if (timeline) {
      ArrayNode entries = o.putArray("timeline");
      c.timeline().forEach(e -> entries.add(entry(e)));
    }
    return o;
  }

  static ObjectNode entry(TimelineEntry e) {
    ObjectNode o = Json.object().put("at", time(e.at())).put("kind", e.kind().name().toLowerCase(Locale.ROOT))
        .put("step", e.step()).put("role", e.role()).put("action_id", e.actionId()).put("name", e.name());
    o.set("data", e.data());
    return o.put("text", e.text());
  }

  static ObjectNode client(ClientView c) {
    return Json.object().put("uuid", c.uuid()).put("type", c.type())
        .put("version", c.registration().path("version").asText(null))
        .<ObjectNode>set("registration", c.registration())
        .put("transport", c.transport()).put("state", c.state()).put("case", c.caseId()).put("role", c.role())
        .put("current_action", c.currentAction()).put("exit_reason", c.exitReason())
        .put("registered_at", time(c.registeredAt())).put("last_poll", time(c.lastPoll()))
        .put("last_answer", time(c.lastAnswer()));
  }

  /** A document with the server's time, so a page can say "12 s ago" whatever its own clock says. */
  static ObjectNode document(Instant now, String field, List<ObjectNode> items) {
    ObjectNode o = Json.object().put("now", time(now));
    ArrayNode list = o.putArray(field);
    items.forEach(list::add);
    return o;
  }

  static String time(Instant at) {
    return at == null ? null : at.toString();
  }
}
