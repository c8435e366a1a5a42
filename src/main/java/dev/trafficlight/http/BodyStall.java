package dev.trafficlight.http;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.time.Duration;
import org.eclipse.jetty.server.Request;

/**
 * A request whose body stops arriving for {@link #LIMIT} is cut off, so that clients trickling
 * bodies a byte at a time cannot hold the server's threads. Only while a body may be read: every
 * request sets its connection's idle timeout anew, so a held poll after a POST on the same
 * connection gets the connector's usual timeout back. (Jetty's minimum data rate is measured from
 * the first byte, so it also cut off small bodies that merely waited in the queue under load.)
 */
final class BodyStall {
  static final Duration LIMIT = Duration.ofSeconds(4);

  private BodyStall() {}

  static void apply(Context ctx) {
    Request request = Request.getBaseRequest(ctx.req());
    if (request == null || request.getHttpChannel() == null) return;
    if (ctx.method() == HandlerType.POST || ctx.method() == HandlerType.PUT) {
      request.getHttpChannel().getEndPoint().setIdleTimeout(LIMIT.toMillis());
    } else {
      reset(request);
    }
  }

  /** A request with no body to wait for: the connection's usual idle timeout, whatever came before on it. */
  static void reset(Request request) {
    if (request.getHttpChannel() == null) return;
    request.getHttpChannel().getEndPoint().setIdleTimeout(request.getHttpChannel().getConnector().getIdleTimeout());
  }
}
