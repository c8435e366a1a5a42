package dev.trafficlight.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trafficlight.core.Json;
import dev.trafficlight.core.port.Instruction;
import dev.trafficlight.core.port.Receipt;

/** The JSON shapes of the HTTP wire, in one place. See transports/http.md. */
final class Wire {
  static final String ACTION = "action";
  static final String DATA = "data";
  static final String ID = "id";
  static final String DELAY = "delay";
  static final String REASON = "reason";
  static final String ERROR = "error";
  static final String CODE = "code";
  static final String TOKEN = "token";
  static final String IDLE = "idle";
  static final String EXIT = "exit";

  private Wire() {}

  /** {@code {"action": NAME, "data": {...}, "id": ID}}; idle's delay is a number of ms. */
  static ObjectNode poll(Instruction reply) {
    ObjectNode out = Json.object();
    if (reply instanceof Instruction.Action a) {
      out.put(ACTION, a.name()).set(DATA, a.data());
      out.put(ID, a.id());
    } else if (reply instanceof Instruction.Idle idle) {
      out.put(ACTION, IDLE).set(DATA, Json.object().put(DELAY, idle.delay().toMillis()));
    } else if (reply instanceof Instruction.Exit exit) {
      out.put(ACTION, EXIT).set(DATA, Json.object().put(REASON, exit.reason()));
    }
    return out;
  }

  /** The original server's success body, {@code {}}, so adapters that check it are content. */
  static ObjectNode ok() {
    return Json.object();
  }

  /** {@code {"token": ...}}: what a client may send from now on to prove it is itself. */
  static ObjectNode registered(String token) {
    return Json.object().put(TOKEN, token);
  }

  static ObjectNode error(String code, String message) {
    return Json.object().put(ERROR, message).put(CODE, code);
  }

  /** Maps a refused call to its status and code. */
  static ApiError refusal(Receipt receipt) {
    return switch (receipt.status()) {
      case UNKNOWN_CLIENT -> new ApiError(404, "unknown_client", receipt.message());
      case INVALID -> new ApiError(400, "invalid_registration", receipt.message());
      case REFUSED -> new ApiError(409, "in_case", receipt.message());
      case STALE -> new ApiError(409, "stale_action", receipt.message());
      case NO_ACTION -> new ApiError(409, "no_outstanding_action", receipt.message());
      case OK -> throw new IllegalArgumentException("not a refusal");
    };
  }
}
