package dev.trafficlight.http;

import dev.trafficlight.core.LogText;
import org.eclipse.jetty.http.BadMessageException;
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
      BodyStall.apply(ctx);
      // read as a long: past 2 GiB the servlet's int says -1, and the body would be read anyway
      long length = declaredLength(ctx.header("Content-Length"));
      if (length > limit) {
        throw ApiError.tooLarge(limit);
      }
    });
    app.exception(ApiError.class, (e, ctx) -> {
      if (e.status == 503) ctx.header("Retry-After", "30");
      send(ctx, e.status, e.code, e.getMessage());
    });
    app.exception(HttpResponseException.class, (e, ctx) -> send(ctx, e.getStatus(), codeOf(e.getStatus()), e.getMessage()));
    app.exception(Exception.class, (e, ctx) -> {
      if (isTooLarge(e)) {
        ApiError error = ApiError.tooLarge(limit);
        send(ctx, error.status, error.code, error.getMessage());
        return;
      }
      if (e instanceof BadMessageException bad && bad.getCode() < 500) {
        send(ctx, bad.getCode(), codeOf(bad.getCode()), "the request could not be read: " + bad.getReason());
        return;
      }
      if (isStalled(e)) {
        send(ctx, 408, "body_stalled", "the request body stopped arriving for " + BodyStall.LIMIT.toSeconds() + " s");
        return;
      }
      if (isHangUp(e)) {
        LOG.debug("{} {}: the client hung up mid-request", ctx.method(), LogText.clean(ctx.path()));
        return;
      }
      LOG.error("{} {} failed", ctx.method(), LogText.clean(ctx.path()), e);
      send(ctx, 500, "internal", "the coordinator failed on this request; its log says why");
    });
    app.error(404, ctx -> {
      if (ctx.result() == null || ctx.result().isEmpty()) {
        send(ctx, 404, "not_found", "no such endpoint: " + ctx.method() + " " + ctx.path());
      }
    });
    app.error(405, ctx -> send(ctx, 405, "method_not_allowed", ctx.method() + " is not allowed on " + ctx.path()));
  }

  private static long declaredLength(String header) {
    try {
      return header == null ? -1 : Long.parseLong(header.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** The body's connection went idle mid-read: Jetty reports its idle timeout. */
  private static boolean isStalled(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.util.concurrent.TimeoutException) return true;
    }
    return false;
  }

  /** A client that closed its connection while its request was read or answered: nothing to tell it. */
  private static boolean isHangUp(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof org.eclipse.jetty.io.EofException || t instanceof java.nio.channels.ClosedChannelException) return true;
    }
    return false;
  }

  private static String codeOf(int status) {
    switch (status) {
      case 404: return "not_found";
      case 405: return "method_not_allowed";
      case 408: return "timeout";
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
