package dev.trafficlight.http;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Every failure leaves as JSON {@code {"error", "code"}}: a 4xx for the client's mistakes, never a stack trace. */
final class JsonErrors {
  private static final Logger LOG = LoggerFactory.getLogger(JsonErrors.class);

  private JsonErrors() {}

  static void install(Javalin app, HttpSettings settings) {
    long limit = settings.maxUploadBytes();
    app.before(ctx -> {
      long length = ctx.contentLength();
      if (length > limit) {
        throw ApiError.tooLarge(limit);
      }
    });
    app.exception(ApiError.class, (e, ctx) -> send(ctx, e.status, e.code, e.getMessage()));
    app.exception(HttpResponseException.class, (e, ctx) -> send(ctx, e.getStatus(), codeOf(e.getStatus()), e.getMessage()));
    app.exception(Exception.class, (e, ctx) -> {
      if (isTooLarge(e)) {
        ApiError error = ApiError.tooLarge(limit);
        send(ctx, error.status, error.code, error.getMessage());
        return;
      }
      LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
      send(ctx, 500, "internal", "the coordinator failed on this request; its log says why");
    });
    app.error(404, ctx -> {
      if (ctx.result() == null || ctx.result().isEmpty()) {
        send(ctx, 404, "not_found", "no such endpoint: " + ctx.method() + " " + ctx.path());
      }
    });
    app.error(405, ctx -> send(ctx, 405, "method_not_allowed", ctx.method() + " is not allowed on " + ctx.path()));
  }

  private static String codeOf(int status) {
    switch (status) {
      case 404: return "not_found";
      case 405: return "method_not_allowed";
      case 413: return "too_large";
      default: return status >= 500 ? "internal" : "bad_request";
    }
  }

  /** Jetty's multipart parser reports size limits as plain exceptions; find one in the chain. */
  static boolean isTooLarge(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      String m = String.valueOf(t.getMessage()).toLowerCase();
      if (m.contains("exceeds max") || m.contains("too large") || m.contains("maxrequestsize") || m.contains("maxfilesize")) {
        return true;
      }
    }
    return false;
  }

  private static void send(Context ctx, int status, String code, String message) {
    ctx.status(status).contentType("application/json").result(Wire.error(code, message).toString());
  }
}
