package dev.trafficlight.core.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trafficlight.core.scenario.Step;
import dev.trafficlight.core.scenario.Template;
import dev.trafficlight.core.servers.HomeserverCalls;
import java.time.Duration;
import java.util.List;

/**
 * The coordinator's own calls for one case, made on a call thread and fed back under the lock
 * like an answer. Only the latest call counts: a result that comes after the case moved on, or
 * ended, is dropped.
 */
final class CallRunner {
  /** What the case hears: a result, or why there is none. */
  interface Listener {
    void returned(JsonNode result);

    void failed(String message, boolean failsCase);
  }

  private final Workers workers;
  private int current;

  /** A call step made ready: its server and its arguments, every {@code ${...}} resolved. */
  record Prepared(String serverName, JsonNode server, JsonNode arguments) {}

  /** Resolves a call step's server (its own, else the scenario's first) and arguments; throws when one cannot be had. */
  static Prepared prepare(Step.Call call, List<String> servers, Template.Lookup values) {
    String name = call.server() != null ? call.server() : servers.isEmpty() ? "" : servers.get(0);
    JsonNode server = values.find(name).orElseThrow(() -> new Template.UndefinedReference(name));
    JsonNode arguments = Template.resolve(call.with(), values);
    if (!arguments.isObject()) {
      throw new Template.EvaluationError("the call's arguments " + call.with() + " are not a mapping but " + arguments);
    }
    return new Prepared(name, server, arguments);
  }

  CallRunner(Workers workers) {
    this.workers = workers;
  }

  /** Starts a call; the listener hears of it under the lock, unless {@link #forget} came first. */
  void start(String name, JsonNode server, JsonNode arguments, Duration timeout, Listener listener) {
    HomeserverCalls calls = workers.services().calls();
    int mine = ++current;
    if (calls == null) {
      listener.failed("this coordinator makes no homeserver calls of its own", false);
      return;
    }
    Object started = workers.calls().submit(() -> calls.call(name, server, arguments, timeout), (result, failure) -> {
      if (mine != current) return null;
      current++;
      if (failure instanceof HomeserverCalls.CallFailure f) {
        listener.failed(f.getMessage(), f.failsCase());
      } else if (failure != null) {
        listener.failed(failure.toString(), false);
      } else {
        listener.returned(result);
      }
      return null;
    });
    if (started == null) listener.failed("the coordinator is shutting down", false);
  }

  /** The case moved on or ended: whatever the call in flight returns is dropped. */
  void forget() {
    current++;
  }
}
