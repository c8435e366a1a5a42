package dev.trafficlight.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trafficlight.core.Json;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;

/** Reads request bodies the way existing adapters send them, never more than a limit. */
final class RequestBodies {
  /** JSON and form bodies are small; only multipart files may be large. A stack trace fits many times over. */
  static final int MAX_TEXT_BYTES = 16 * 1024 * 1024;

  private RequestBodies() {}

  /** A JSON object; an empty body counts as {@code {}} only where {@code emptyIsObject}. */
  static ObjectNode jsonObject(Context ctx, boolean emptyIsObject) {
    return jsonObject(text(ctx), emptyIsObject);
  }

  private static ObjectNode jsonObject(String body, boolean emptyIsObject) {
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
    ObjectNode answer = Json.object();
    if (ctx.isMultipartFormData()) {
      multipart(ctx::formParamMap).forEach((name, values) -> {
        if (!values.isEmpty()) answer.put(name, values.get(0));
      });
      return answer;
    }
    String body = text(ctx);
    String trimmed = body.trim();
    if (trimmed.isEmpty() || trimmed.startsWith("{") || trimmed.startsWith("[") || !isForm(ctx)) {
      return jsonObject(body, true);
    }
    for (String pair : trimmed.split("&")) {
      int eq = pair.indexOf('=');
      String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      if (!name.isEmpty() && !answer.has(name)) {
        answer.put(name, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return answer;
  }

  /** The files of a multipart request. */
  static List<UploadedFile> files(Context ctx) {
    return multipart(ctx::uploadedFiles);
  }

  /** The body as text, read through a cap: a chunked body has no length to check beforehand. */
  private static String text(Context ctx) {
    try (InputStream in = ctx.req().getInputStream()) {
      byte[] bytes = in.readNBytes(MAX_TEXT_BYTES + 1);
      if (bytes.length > MAX_TEXT_BYTES) {
        throw ApiError.tooLarge(MAX_TEXT_BYTES);
      }
      return new String(bytes, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Jetty reports a broken or oversized multipart body as a plain exception: the client's mistake, a 4xx. */
  private static <T> T multipart(Supplier<T> read) {
    try {
      return read.get();
    } catch (Exception e) { // Javalin rethrows Jetty's checked IOException unchecked
      if (JsonErrors.isTooLarge(e)) throw ApiError.tooLarge(-1);
      throw ApiError.badRequest("malformed_multipart", "the multipart body cannot be read: " + rootMessage(e));
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null) root = root.getCause();
    return String.valueOf(root.getMessage());
  }

  private static boolean isForm(Context ctx) {
    String type = ctx.contentType();
    return type != null && type.toLowerCase().startsWith("application/x-www-form-urlencoded");
  }
}
