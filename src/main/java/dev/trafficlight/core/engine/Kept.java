package dev.trafficlight.core.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.trafficlight.core.Json;

/**
 * What a case keeps of what clients send: anything larger than {@link #MAX_BYTES} as JSON is
 * replaced by a note of its size and its beginning, so one client's 10 MB answers cannot fill
 * the coordinator's memory, its pages or its reports.
 */
final class Kept {
  static final int MAX_BYTES = 64 * 1024;
  static final int PREVIEW_CHARS = 2048;

  private Kept() {}

  static JsonNode json(JsonNode value) {
    if (value == null) return null;
    String text;
    try {
      text = Json.MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      return Json.object().put("unreadable", e.getOriginalMessage());
    }
    if (text.length() <= MAX_BYTES) return value.deepCopy();
    return Json.object().put("truncated", true).put("bytes", text.length())
        .put("limit", MAX_BYTES).put("preview", text.substring(0, PREVIEW_CHARS));
  }

  static String text(String value) {
    if (value == null || value.length() <= MAX_BYTES) return value;
    return value.substring(0, MAX_BYTES) + "… (" + (value.length() - MAX_BYTES) + " more characters not kept)";
  }
}
