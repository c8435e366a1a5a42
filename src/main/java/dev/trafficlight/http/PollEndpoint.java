package dev.trafficlight.http;

import dev.trafficlight.core.Json;
import dev.trafficlight.core.LogText;
import dev.trafficlight.core.port.Instruction;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.eclipse.jetty.http.BadMessageException;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.HandlerWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /client/<uuid>/poll}, served by Jetty directly. Polls are nearly all of an adapter's
 * traffic, and most are answered at once with a few fixed bytes: without the servlet stack's
 * sessions, statistics, routing and compression, one costs about what a static file does.
 * Everything else a client sends goes through the app's routes.
 */
final class PollEndpoint extends HandlerWrapper {
  private static final String POLL = "/poll";
  private static final Logger LOG = LoggerFactory.getLogger(PollEndpoint.class);

  private final String root;
  private final HttpTransport transport;
  private final HeldPolls polls;
  private volatile IdleReply idle = new IdleReply(-1, new byte[0]);

  /** The bytes of the last idle reply: every idle a client hears has the same delay, so they are made once. */
  private record IdleReply(long delayMillis, byte[] body) {}

  PollEndpoint(String root, HttpTransport transport, HeldPolls polls) {
    this.root = root;
    this.transport = transport;
    this.polls = polls;
  }

  @Override
  public void handle(String target, Request base, HttpServletRequest request, HttpServletResponse response)
      throws IOException, ServletException {
    String uuid = pollTarget(target);
    if (uuid == null) {
      super.handle(target, base, request, response);
      return;
    }
    base.setHandled(true);
    if (!request.getMethod().equals("GET")) {
      sendJson(response, 405, Wire.error("method_not_allowed", request.getMethod() + " is not allowed on " + target));
      return;
    }
    BodyStall.reset(base);
    CompletableFuture<Instruction> next;
    try {
      String client = transport.authorised(uuid, request.getHeader(ClientTokens.HEADER), request.getParameter(ClientTokens.QUERY));
      Duration hold = transport.hold(request.getParameter("timeout"));
      next = polls.next(client, hold);
    } catch (ApiError e) {
      sendJson(response, e.status, Wire.error(e.code, e.getMessage()));
      return;
    } catch (BadMessageException e) { // a query that cannot be decoded, e.g. ?timeout=%zz
      sendJson(response, e.getCode(), Wire.error("bad_request", "the request could not be read: " + e.getReason()));
      return;
    } catch (RuntimeException e) {
      LOG.error("GET {} failed", LogText.clean(target), e);
      sendJson(response, 500, Wire.error("internal", "the coordinator failed on this request; its log says why"));
      return;
    }
    if (next.isDone()) {
      send(response, 200, body(next.join()));
      return;
    }
    AsyncContext async = request.startAsync();
    async.setTimeout(0); // a held poll ends when the coordinator says, not Jetty
    next.whenComplete((reply, failure) -> {
      try {
        send((HttpServletResponse) async.getResponse(), 200, body(reply));
      } catch (IOException | RuntimeException hungUp) {
        // the client left while its poll was held: nobody to tell
      } finally {
        async.complete();
      }
    });
  }

  /** The UUID in {@code <root>/client/<uuid>/poll} or {@code <root>/v1/client/<uuid>/poll}, else null. */
  private String pollTarget(String target) {
    if (!target.startsWith(root)) return null;
    String path = target.endsWith("/") ? target.substring(0, target.length() - 1) : target;
    if (!path.endsWith(POLL)) return null;
    for (String prefix : HttpTransport.PREFIXES) {
      int start = root.length() + prefix.length() + 1;
      int end = path.length() - POLL.length();
      if (path.startsWith(prefix + "/", root.length()) && end > start && path.indexOf('/', start) == end) {
        return path.substring(start, end);
      }
    }
    return null;
  }

  private byte[] body(Instruction reply) {
    if (reply instanceof Instruction.Idle i) {
      IdleReply cached = idle;
      if (cached.delayMillis() != i.delay().toMillis()) {
        cached = new IdleReply(i.delay().toMillis(), bytes(Wire.poll(reply)));
        idle = cached;
      }
      return cached.body();
    }
    return bytes(Wire.poll(reply));
  }

  private static byte[] bytes(Object json) {
    try {
      return Json.MAPPER.writeValueAsBytes(json);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("a poll reply could not be written as JSON", e);
    }
  }

  private static void sendJson(ServletResponse response, int status, Object json) throws IOException {
    send(response, status, bytes(json));
  }

  private static void send(ServletResponse response, int status, byte[] body) throws IOException {
    ((HttpServletResponse) response).setStatus(status);
    response.setContentType("application/json");
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
  }
}
