package dev.trafficlight.server;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * The status page, its JSON API and the uploaded files, for those who know the viewer password:
 * browsers ask for it (HTTP basic auth, any user name), scripts send {@code Authorization: Bearer}.
 * Anonymous viewers see nothing at all, so no client UUID, token or action data leaks.
 */
final class ViewerAccess {
  private static final String[] GUARDED = {"/status", "/api"};

  private ViewerAccess() {}

  static void install(Javalin app, String password) {
    if (password == null) return;
    app.before(ctx -> {
      if (!guarded(ctx.path()) || allowed(ctx.header("Authorization"), password)) return;
      ctx.header("WWW-Authenticate", "Basic realm=\"Trafficlight\", charset=\"UTF-8\"");
      throw new BrowserSafety.Refusal(401, "viewer_password_required", "the status page asks for the viewer password");
    });
  }

  private static boolean guarded(String path) {
    if (path.equals("/")) return true;
    for (String prefix : GUARDED) {
      if (path.equals(prefix) || path.startsWith(prefix + "/")) return true;
    }
    return false;
  }

  static boolean allowed(String authorization, String password) {
    if (authorization == null) return false;
    String presented = null;
    if (authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      presented = authorization.substring(7).trim();
    } else if (authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
      try {
        String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
        presented = decoded.substring(decoded.indexOf(':') + 1);
      } catch (IllegalArgumentException notBase64) {
        return false;
      }
    }
    return presented != null && MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8),
        password.getBytes(StandardCharsets.UTF_8));
  }
}
