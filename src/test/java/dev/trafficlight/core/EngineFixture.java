package dev.trafficlight.core;

import dev.trafficlight.testing.Answers;
import com.fasterxml.jackson.databind.JsonNode;
import dev.trafficlight.core.view.CaseView;
import dev.trafficlight.core.engine.Coordinator;
import dev.trafficlight.core.view.CoordinatorEvent;
import dev.trafficlight.core.engine.Services;
import dev.trafficlight.core.engine.Settings;
import dev.trafficlight.core.port.Instruction;
import dev.trafficlight.core.port.Receipt;
import dev.trafficlight.testing.ManualClock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A coordinator on a manual clock, with shorthands for what clients do. */
class EngineFixture {
  final ManualClock clock = new ManualClock();
  final Coordinator coordinator;
  final List<CoordinatorEvent> events = new CopyOnWriteArrayList<>();

  EngineFixture() {
    this(Settings.defaults());
  }

  EngineFixture(Settings settings) {
    coordinator = new Coordinator(settings, clock);
    coordinator.addListener(events::add);
  }

  /** A coordinator whose servers come from these services. */
  EngineFixture(Settings settings, Services services) {
    coordinator = new Coordinator(settings, clock, services);
    coordinator.addListener(events::add);
  }

  Receipt register(String uuid, String type) {
    return coordinator.register(uuid, Json.object().put("type", type).put("version", "1.0"), "test", i -> { });
  }

  Instruction poll(String uuid) {
    return coordinator.current(uuid);
  }

  Instruction.Action action(String uuid) {
    Instruction reply = poll(uuid);
    if (reply instanceof Instruction.Action a) return a;
    throw new AssertionError(uuid + " expected an action but was told " + reply);
  }

  Receipt answer(String uuid, String json) {
    return coordinator.answer(uuid, null, Answers.of(json));
  }

  Receipt done(String uuid) {
    return answer(uuid, "{\"response\": \"done\"}");
  }

  CaseView kase(String id) {
    return coordinator.caseView(id).orElseThrow();
  }

  CaseView only() {
    List<CaseView> all = coordinator.cases();
    if (all.size() != 1) throw new AssertionError("expected one case, have " + all.size());
    return all.get(0);
  }

  void advance(Duration d) {
    clock.advance(d);
    coordinator.tick();
  }

  JsonNode data(String uuid) {
    return action(uuid).data();
  }
}
