package dev.trafficlight.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trafficlight.core.Json;
import dev.trafficlight.core.port.ClientPort;
import dev.trafficlight.core.port.Instruction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * In-process clients that poll a {@link ClientPort} in turns on the test's thread and answer
 * every action through a script: deterministic, no threads, no sockets.
 */
public final class ScriptedClients {
  /** Given an action's name and data, the answer to send. */
  public interface Script extends BiFunction<String, JsonNode, JsonNode> {}

  private final ClientPort port;
  private final Map<String, Script> scripts = new LinkedHashMap<>();
  private final Map<String, String> exits = new LinkedHashMap<>();
  private final List<String> log = new ArrayList<>();

  public ScriptedClients(ClientPort port) {
    this.port = port;
  }

  /** Answers {@code {"response": "done"}} to everything. */
  public static JsonNode done(String action, JsonNode data) {
    return Json.object().put("response", "done");
  }

  public ScriptedClients add(String uuid, String type, Script script) {
    ObjectNode registration = Json.object().put("type", type).put("version", "1.0.0");
    port.register(uuid, registration, "test", i -> { });
    scripts.put(uuid, script);
    return this;
  }

  /** Polls every client in turn, answering actions, until all have been told to exit or nobody can move. */
  public ScriptedClients runUntilExit() {
    for (int round = 0; round < 10_000; round++) {
      boolean moved = false;
      for (Map.Entry<String, Script> client : scripts.entrySet()) {
        String uuid = client.getKey();
        if (exits.containsKey(uuid)) continue;
        Instruction reply = port.current(uuid);
        if (reply instanceof Instruction.Exit exit) {
          exits.put(uuid, exit.reason());
          moved = true;
        } else if (reply instanceof Instruction.Action action) {
          log.add(uuid + ":" + action.name());
          port.answer(uuid, action.id(), Answers.of(client.getValue().apply(action.name(), action.data())));
          moved = true;
        }
      }
      if (!moved) return this;
    }
    throw new AssertionError("clients never settled");
  }

  public Map<String, String> exits() {
    return exits;
  }

  /** "uuid:action" for every action performed, in order. */
  public List<String> log() {
    return log;
  }
}
