package dev.trafficlight.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trafficlight.core.Json;
import dev.trafficlight.core.port.Answer;
import dev.trafficlight.core.port.Failure;

/**
 * The JSON an adapter answers and reports failures in, the same over HTTP and in Matrix rooms
 * (the original trafficlight server's shape): {@code {"response": word, ...fields}} and
 * {@code {"error": {"type", "details", "path"}}}. The one place these field names live.
 */
public final class AnswerJson {
  public static final String RESPONSE = "response";
  public static final String ERROR = "error";
  public static final String TYPE = "type";
  public static final String DETAILS = "details";
  /** The error type that says the action itself failed: the client under test is at fault. */
  public static final String ACTION_FAILED = "action";
  /** The error type a transport uses for a client it lost: the set-up broke, not the client. */
  public static final String ADAPTER = "adapter";

  private AnswerJson() {}

  /** {@code response} is the answer word; every other field is data for later steps. */
  public static Answer answer(JsonNode body) {
    ObjectNode fields = body != null && body.isObject() ? (ObjectNode) body.deepCopy() : Json.object();
    JsonNode word = fields.remove(RESPONSE);
    return new Answer(word == null || word.isNull() ? "" : Json.text(word), fields);
  }

  /** A failure report read leniently: {@code type: action} fails the case, anything else breaks it. */
  public static Failure failure(JsonNode report) {
    JsonNode error = report.path(ERROR);
    String type = error.path(TYPE).asText("");
    Failure.Kind kind = ACTION_FAILED.equals(type) ? Failure.Kind.ACTION : Failure.Kind.BROKEN;
    return new Failure(kind, type, Json.text(error.path(DETAILS)), report);
  }

  /** A breakage a transport reports for a client it lost. */
  public static Failure adapterError(String details) {
    ObjectNode report = Json.object();
    report.putObject(ERROR).put(TYPE, ADAPTER).put(DETAILS, details);
    return failure(report);
  }
}
