package dev.trafficlight.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trafficlight.core.Json;
import dev.trafficlight.core.port.Answer;
import dev.trafficlight.core.port.Failure;

/** Answers and failures written the way adapters write them on the HTTP wire, for tests. */
public final class Answers {
  private Answers() {}

  /** {@code {"response": "done", "user_id": ...}} as a typed answer. */
  public static Answer of(JsonNode body) {
    ObjectNode fields = (ObjectNode) body.deepCopy();
    JsonNode word = fields.remove("response");
    return new Answer(word == null ? "" : word.asText(), fields);
  }

  public static Answer of(String json) {
    return of(Json.parse(json));
  }

  public static Answer word(String word) {
    return new Answer(word, Json.object());
  }

  /** {@code {"error": {"type": ..., "details": ...}}} as a typed failure. */
  public static Failure failure(JsonNode report) {
    JsonNode error = report.path("error");
    String type = error.path("type").asText("");
    return new Failure("action".equals(type) ? Failure.Kind.ACTION : Failure.Kind.BROKEN, type,
        Json.text(error.path("details")), report);
  }
}
