package dev.trafficlight.server;

import dev.trafficlight.core.Json;
import io.javalin.Javalin;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.component.LifeCycle;
import org.eclipse.jetty.server.handler.HandlerWrapper;

/**
 * Keeps web pages the tester has open from using the coordinator: a {@code Host} that is not the
 * coordinator's own name is refused (DNS rebinding), a request a browser sends from another
 * origin may not change anything (CSRF), a browser's body must say it is JSON or a file upload
 * (the kinds a cross-site form cannot send), and no response may be sniffed into something else.
 * It wraps everything Jetty serves, so no endpoint can be reached around it.
 */
final class BrowserSafety extends HandlerWrapper {
  private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

  private final boolean loopbackOnly;
  private final List<String> allowedHosts;

  private BrowserSafety(String bindHost, AccessSettings access) {
    this.loopbackOnly = LOOPBACK.contains(bindHost) || bindHost.startsWith("127.");
    this.allowedHosts = access.allowedHosts();
  }

  /**
   * Wraps the app's Jetty handlers. It goes in as Jetty itself starts, after every handler the
   * app's transports put in when the app began starting, so that it is outermost.
   */
  static void install(Javalin app, String bindHost, AccessSettings access) {
    app.exception(Refusal.class, (e, ctx) -> ctx.status(e.status)
        .json(java.util.Map.of("error", e.getMessage(), "code", e.code)));
    Server server = app.jettyServer().server();
    server.addEventListener(new LifeCycle.Listener() {
      @Override
      public void lifeCycleStarting(LifeCycle event) {
        server.insertHandler(new BrowserSafety(bindHost, access));
      }
    });
  }

  @Override
  public void handle(String target, Request base, HttpServletRequest request, HttpServletResponse response)
      throws IOException, ServletException {
    response.setHeader("X-Content-Type-Options", "nosniff");
    Refusal refusal = refusal(request);
    if (refusal != null) {
      base.setHandled(true);
      send(response, refusal);
      return;
    }
    super.handle(target, base, request, response);
  }

  private Refusal refusal(HttpServletRequest request) {
    String host = hostName(request.getHeader("Host"));
    if (!hostAllowed(host, loopbackOnly, allowedHosts)) {
      return new Refusal(421, "wrong_host", "this coordinator does not answer to the name '" + host
          + "'; add it to access.allowed_hosts if it is really its name");
    }
    if (!changes(request.getMethod())) return null;
    String origin = request.getHeader("Origin");
    if (origin != null && !sameHost(origin, host)) {
      return new Refusal(403, "foreign_origin", "a page from " + origin + " may not act on this coordinator");
    }
    String type = request.getContentType() == null ? "" : request.getContentType().toLowerCase(Locale.ROOT);
    boolean fromBrowser = origin != null || request.getHeader("Sec-Fetch-Site") != null;
    if (fromBrowser && !(type.startsWith("application/json") || type.startsWith("multipart/form-data"))) {
      return new Refusal(415, "json_required", "a request from a browser must send application/json or multipart/form-data");
    }
    return null;
  }

  private static void send(HttpServletResponse response, Refusal refusal) throws IOException {
    byte[] body = Json.object().put("error", refusal.getMessage()).put("code", refusal.code).toString()
        .getBytes(StandardCharsets.UTF_8);
    response.setStatus(refusal.status);
    response.setContentType("application/json");
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
  }

  private static boolean changes(String method) {
    return !(method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS"));
  }

  static boolean hostAllowed(String host, boolean loopbackOnly, List<String> allowed) {
    if (host == null || LOOPBACK.contains(host) || host.startsWith("127.")) return true;
    if (allowed.stream().anyMatch(a -> a.equalsIgnoreCase(host))) return true;
    return !loopbackOnly && allowed.isEmpty();
  }

  /** The name in a Host header, without its port. */
  static String hostName(String header) {
    if (header == null) return null;
    String h = header.trim().toLowerCase(Locale.ROOT);
    if (h.startsWith("[")) return h.substring(0, h.indexOf(']') + 1);
    int colon = h.lastIndexOf(':');
    return colon < 0 ? h : h.substring(0, colon);
  }

  private static boolean sameHost(String origin, String host) {
    String rest = origin.toLowerCase(Locale.ROOT).replaceFirst("^[a-z]+://", "");
    return host != null && hostName(rest.split("/", 2)[0]).equals(host);
  }

  /** A refusal that leaves as JSON with its own status. */
  static final class Refusal extends RuntimeException {
    final int status;
    final String code;

    Refusal(int status, String code, String message) {
      super(message, null, false, false);
      this.status = status;
      this.code = code;
    }
  }
}
