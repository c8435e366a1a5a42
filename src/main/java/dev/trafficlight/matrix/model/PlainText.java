package dev.trafficlight.matrix.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trafficlight.core.Json;
import java.util.Locale;

/**
 * The plain-text answers people type as replies: the first word is the answer word
 * ({@code done}); {@code fail: why} reports an action failure and {@code error: why} an adapter
 * error. A JSON object after the word is merged into the answer; other text after it is kept
 * under {@code text}.
 */
public final class PlainText {
  static final String FAIL = "fail:";
  static final String ERROR = "error:";

  private PlainText() {}

  /** Drops the quoted lines ({@code > ...}) a client puts before a reply's own text. */
  public static String withoutReplyFallback(String body) {
    String[] lines = body.split("\n", -1);
    int i = 0;
    while (i < lines.length && lines[i].startsWith(">")) {
      i++;
    }
    return String.join("\n", java.util.Arrays.copyOfRange(lines, i, lines.length)).trim();
  }

  static ControlContent answer(String inReplyTo, String text) {
    String lower = text.toLowerCase(Locale.ROOT);
    if (lower.startsWith(FAIL)) {
      return failure(inReplyTo, "action", text.substring(FAIL.length()).trim());
    }
    if (lower.startsWith(ERROR)) {
      return failure(inReplyTo, "adapter", text.substring(ERROR.length()).trim());
    }
    String[] parts = text.split("\\s+", 2);
    if (parts[0].isEmpty()) {
      return new ControlContent.Chat(text);
    }
    ObjectNode answer = Json.object().put("response", parts[0]);
    if (parts.length == 2) {
      JsonNode extra = objectOrNull(parts[1]);
      if (extra != null) {
        answer = Json.merge(extra, answer);
      } else {
        answer.put("text", parts[1]);
      }
    }
    return new ControlContent.Answer(inReplyTo, null, answer);
  }

  private static ControlContent failure(String inReplyTo, String type, String details) {
    ObjectNode error = Json.object();
    error.putObject("error").put("type", type).put("details", details);
    return new ControlContent.Failure(inReplyTo, null, error);
  }

  private static JsonNode objectOrNull(String text) {
    if (!text.startsWith("{")) {
      return null;
    }
    try {
      JsonNode node = Json.parse(text);
      return node.isObject() ? node : null;
    } catch (IllegalArgumentException notJson) {
      return null;
    }
  }
}
