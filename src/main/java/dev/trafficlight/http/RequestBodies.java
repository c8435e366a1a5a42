package dev.trafficlight.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trafficlight.core.Json;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;

/** Reads request bodies the way existing adapters send them. */
final class RequestBodies {
  private RequestBodies() {}

  /** A JSON object; an empty body counts as {@code {}} only where {@code emptyIsObject}. */
  static ObjectNode jsonObject(Context ctx, boolean emptyIsObject) {
    String body = ctx.body();
    if (body.isBlank()) {
      if (emptyIsObject) return Json.object();
      throw ApiError.badRequest("empty_body", "the body must be a JSON object, e.g. {\"type\": \"element-web\"}");
    }
    JsonNode node;
    try {
      node = Json.parse(body);
    } catch (IllegalArgumentException e) {
      throw ApiError.badRequest("malformed_json", e.getMessage());
    }
    if (!(node instanceof ObjectNode object)) {
      throw ApiError.badRequest("not_an_object", "the body must be a JSON object, not " + node.getNodeType().name().toLowerCase());
    }
    return object;
  }

  /**
   * An answer: a JSON object (whatever the content type says); an empty or form-encoded body (the
   * Appium adapter), whose fields become the answer; or multipart, whose fields likewise become
   * the answer (its files are stored apart).
   */
  static ObjectNode answer(Context ctx) {
    if (!ctx.isMultipartFormData()) {
      String body = ctx.body().trim();
      if (body.isEmpty() || body.startsWith("{") || body.startsWith("[") || !isForm(ctx)) {
        return jsonObject(ctx, true);
      }
    }
    ObjectNode answer = Json.object();
    for (Map.Entry<String, List<String>> field : ctx.formParamMap().entrySet()) {
      if (!field.getValue().isEmpty()) answer.put(field.getKey(), field.getValue().get(0));
    }
    return answer;
  }

  private static boolean isForm(Context ctx) {
    String type = ctx.contentType();
    return type != null && type.toLowerCase().startsWith("application/x-www-form-urlencoded");
  }
}
