package dev.trafficlight.status;

import dev.trafficlight.core.view.CaseView;
import dev.trafficlight.core.view.CoordinatorQuery;
import dev.trafficlight.core.port.Artifact;
import io.javalin.http.Context;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Serves the files clients uploaded. A client chose the name and the bytes, so a file is always a
 * download: never a type a browser would render as a page, and never sniffed into one.
 */
final class ArtifactFiles {
  private final CoordinatorQuery coordinator;

  ArtifactFiles(CoordinatorQuery coordinator) {
    this.coordinator = coordinator;
  }

  void serve(Context ctx) throws IOException {
    String id = ctx.pathParam("id");
    Optional<CaseView> kase = coordinator.caseView(id);
    if (kase.isEmpty()) {
      StatusApi.send(ctx, 404, StatusApi.problem("no case with id '" + id + "'"));
      return;
    }
    List<Artifact> files = kase.get().artifacts();
    int index = index(ctx.pathParam("n"));
    if (index < 0 || index >= files.size()) {
      StatusApi.send(ctx, 404, StatusApi.problem("case '" + id + "' has no file number '" + ctx.pathParam("n")
          + "'; it has " + files.size()));
      return;
    }
    Artifact artifact = files.get(index);
    Path path = Path.of(artifact.location());
    if (!Files.isRegularFile(path)) {
      StatusApi.send(ctx, 404, StatusApi.problem("file '" + artifact.name() + "' is no longer on disk"));
      return;
    }
    ctx.header("Content-Type", safeType(artifact.contentType()));
    ctx.header("Content-Disposition", disposition(artifact.name()));
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("Content-Security-Policy", "sandbox; default-src 'none'");
    ctx.header("Content-Length", Long.toString(Files.size(path)));
    ctx.result(Files.newInputStream(path));
  }

  private static int index(String text) {
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** Text stays readable as plain text; everything else is bytes to save. */
  static String safeType(String declared) {
    String type = declared == null ? "" : declared.toLowerCase(Locale.ROOT).trim();
    if (type.startsWith("text/") || type.startsWith("application/json")) return "text/plain; charset=utf-8";
    return "application/octet-stream";
  }

  /** An ASCII-only fallback name plus the exact name percent-encoded (RFC 6266). */
  static String disposition(String name) {
    String base = name == null || name.isBlank() ? "file" : name.replaceAll(".*[/\\\\]", "");
    String ascii = base.replaceAll("[^A-Za-z0-9._-]", "_");
    if (ascii.isEmpty() || ascii.startsWith(".")) ascii = "file" + ascii;
    String exact = URLEncoder.encode(base, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A");
    return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + exact;
  }
}
