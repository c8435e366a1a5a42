package dev.trafficlight.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trafficlight.core.Json;
import dev.trafficlight.core.port.Answer;
import dev.trafficlight.core.port.Failure;
import dev.trafficlight.wire.AnswerJson;

/** Answers and failures written the way adapters write them on the HTTP wire, for tests. */
public final class Answers {
  private Answers() {}

  /** {@code {"response": "done", "user_id": ...}} as a typed answer. */
  public static Answer of(JsonNode body) {
    return AnswerJson.answer(body);
  }

  public static Answer of(String json) {
    return of(Json.parse(json));
  }

  public static Answer word(String word) {
    return new Answer(word, Json.object());
  }

  /** {@code {"error": {"type": ..., "details": ...}}} as a typed failure. */
  public static Failure failure(JsonNode report) {
    return AnswerJson.failure(report);
  }
}
