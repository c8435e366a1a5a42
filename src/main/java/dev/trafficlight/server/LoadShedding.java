package dev.trafficlight.server;

import dev.trafficlight.core.Json;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.function.IntSupplier;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.HandlerWrapper;

/**
 * When more requests wait for a thread than the coordinator can serve in a few seconds, the ones
 * that get a thread are answered {@code 503} with {@code Retry-After} at once, at the cost of a
 * few bytes, instead of waiting until their clients give up and hang up without an answer.
 */
final class LoadShedding extends HandlerWrapper {
  /** Seconds a refused client is asked to wait: long enough for a queue of this size to drain. */
  static final int RETRY_AFTER_SECONDS = 2;
  private static final byte[] BODY = Json.object()
      .put("error", "the coordinator is overloaded; retry after " + RETRY_AFTER_SECONDS + " s")
      .put("code", "overloaded").toString().getBytes(StandardCharsets.UTF_8);

  private final IntSupplier waiting;
  private final int limit;

  /** {@code waiting} says how many requests wait for a thread; past {@code limit}, requests are refused. */
  LoadShedding(IntSupplier waiting, int limit) {
    this.waiting = waiting;
    this.limit = limit;
  }

  @Override
  public void handle(String target, Request base, HttpServletRequest request, HttpServletResponse response)
      throws IOException, ServletException {
    if (waiting.getAsInt() <= limit) {
      super.handle(target, base, request, response);
      return;
    }
    base.setHandled(true);
    response.setStatus(503);
    response.setHeader("Retry-After", Integer.toString(RETRY_AFTER_SECONDS));
    response.setContentType("application/json");
    response.setContentLength(BODY.length);
    response.getOutputStream().write(BODY);
  }
}
