package dev.trafficlight.server;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Keeps web pages the tester has open from using the coordinator: a {@code Host} that is not the
 * coordinator's own name is refused (DNS rebinding), a request a browser sends from another
 * origin may not change anything (CSRF), a browser's body must say it is JSON or a file upload
 * (the kinds a cross-site form cannot send), and no response may be sniffed into something else.
 */
final class BrowserSafety {
  private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

  private BrowserSafety() {}

  static void install(Javalin app, String bindHost, AccessSettings access) {
    boolean loopbackOnly = LOOPBACK.contains(bindHost) || bindHost.startsWith("127.");
    app.exception(Refusal.class, (e, ctx) -> ctx.status(e.status)
        .json(java.util.Map.of("error", e.getMessage(), "code", e.code)));
    app.before(ctx -> {
      ctx.header("X-Content-Type-Options", "nosniff");
      String host = hostName(ctx.header("Host"));
      if (!hostAllowed(host, loopbackOnly, access.allowedHosts())) {
        throw new Refusal(421, "wrong_host", "this coordinator does not answer to the name '" + host
            + "'; add it to access.allowed_hosts if it is really its name");
      }
      if (changes(ctx)) {
        String origin = ctx.header("Origin");
        if (origin != null && !sameHost(origin, host)) {
          throw new Refusal(403, "foreign_origin", "a page from " + origin + " may not act on this coordinator");
        }
        String type = ctx.contentType() == null ? "" : ctx.contentType().toLowerCase(Locale.ROOT);
        boolean fromBrowser = origin != null || ctx.header("Sec-Fetch-Site") != null;
        if (fromBrowser && !(type.startsWith("application/json") || type.startsWith("multipart/form-data"))) {
          throw new Refusal(415, "json_required", "a request from a browser must send application/json or multipart/form-data");
        }
      }
    });
  }

  private static boolean changes(Context ctx) {
    return ctx.method() != HandlerType.GET && ctx.method() != HandlerType.HEAD && ctx.method() != HandlerType.OPTIONS;
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
