package dev.trafficlight.matrix;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trafficlight.core.Json;
import dev.trafficlight.core.port.Answer;
import dev.trafficlight.core.port.Failure;

/** The fields of answers and failure reports in control rooms, as in transports/matrix.md. */
final class MatrixWire {
  static final String RESPONSE = "response";
  static final String ERROR = "error";
  static final String TYPE = "type";
  static final String DETAILS = "details";
  static final String ACTION_FAILED = "action";

  private MatrixWire() {}

  /** {@code {"response": word, ...fields}}. */
  static Answer answer(JsonNode content) {
    ObjectNode fields = content.isObject() ? (ObjectNode) content.deepCopy() : Json.object();
    JsonNode word = fields.remove(RESPONSE);
    return new Answer(word == null || word.isNull() ? "" : Json.text(word), fields);
  }

  /** {@code {"error": {"type", "details"}}}; {@code type: action} is the client's failure, anything else a breakage. */
  static Failure failure(JsonNode report) {
    JsonNode error = report.path(ERROR);
    String type = error.path(TYPE).asText("");
    Failure.Kind kind = ACTION_FAILED.equals(type) ? Failure.Kind.ACTION : Failure.Kind.BROKEN;
    return new Failure(kind, type, Json.text(error.path(DETAILS)), report);
  }

  /** A breakage the transport reports for a client: {@code type: adapter}, so the case is in error, not failed. */
  static Failure adapterError(String details) {
    ObjectNode report = Json.object();
    report.putObject(ERROR).put(TYPE, "adapter").put(DETAILS, details);
    return failure(report);
  }
}
