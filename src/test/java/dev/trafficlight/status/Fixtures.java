package dev.trafficlight.status;

import dev.trafficlight.testing.Answers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trafficlight.core.Json;
import dev.trafficlight.core.engine.Coordinator;
import dev.trafficlight.core.port.Instruction;
import dev.trafficlight.core.port.Receipt;
import dev.trafficlight.core.scenario.Scenario;
import java.time.Duration;

/** Scenarios and client moves the status tests share; clients act through the ClientPort. */
final class Fixtures {
  static final String HTTP = "http";

  private Fixtures() {}

  /** alice (element-web or hydrogen) sends, bob (element-web) receives; bob may say 'missing'. */
  static Scenario chat() {
    return Scenario.builder("chat")
        .description("alice sends a message and bob sees it")
        .role("alice", "element-web", "hydrogen")
        .role("bob", "element-web")
        .step("send", s -> s.action("alice", "send_message", Json.object().put("text", "hello")))
        .step("receive", s -> s.action("bob", "wait_for_message").on("bob", "missing", "failed"))
        .build();
  }

  static ObjectNode registration(String type, String version) {
    return Json.object().put("type", type).put("version", version);
  }

  static void register(Coordinator c, String uuid, JsonNode registration) {
    Receipt receipt = c.register(uuid, registration, HTTP, i -> { });
    if (!receipt.isOk()) throw new AssertionError("registration refused: " + receipt.message());
  }

  /** Polls once and expects an action. */
  static Instruction.Action poll(Coordinator c, String uuid) {
    Instruction reply = c.current(uuid);
    if (reply instanceof Instruction.Action action) return action;
    throw new AssertionError(uuid + " expected an action but got " + reply);
  }

  /** Polls and answers with a response word. */
  static void act(Coordinator c, String uuid, String response) {
    Instruction.Action action = poll(c, uuid);
    Receipt receipt = c.answer(uuid, action.id(), Answers.word(response));
    if (!receipt.isOk()) throw new AssertionError("answer refused: " + receipt.message());
  }
}
