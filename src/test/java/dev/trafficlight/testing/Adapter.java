package dev.trafficlight.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trafficlight.core.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Speaks the adapters' HTTP wire to a real server, as the existing adapters do. */
public final class Adapter {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** A response: status and JSON body. */
  public record Reply(int status, JsonNode body, java.net.http.HttpHeaders headers) {
    public String action() {
      return body.path("action").asText();
    }
  }

  public final String uuid;
  private final String base;

  public Adapter(String url, String uuid) {
    this.uuid = uuid;
    this.base = url + "/client/" + uuid + "/";
  }

  public Reply register(String json) {
    return send(post("register", "application/json", json));
  }

  public Reply register(String type, String version) {
    return register("{\"type\": \"" + type + "\", \"version\": \"" + version + "\"}");
  }

  /** A plain poll, as the existing adapters make it. */
  public Reply poll() {
    return send(HttpRequest.newBuilder(URI.create(base + "poll")).GET().timeout(Duration.ofSeconds(60)).build());
  }

  public Reply poll(long timeoutMillis) {
    return send(pollRequest(timeoutMillis));
  }

  public CompletableFuture<Reply> pollAsync(long timeoutMillis) {
    return HTTP.sendAsync(pollRequest(timeoutMillis), HttpResponse.BodyHandlers.ofString()).thenApply(Adapter::reply);
  }

  private HttpRequest pollRequest(long timeoutMillis) {
    return HttpRequest.newBuilder(URI.create(base + "poll?timeout=" + timeoutMillis)).GET().timeout(Duration.ofSeconds(120)).build();
  }

  public Reply respond(String json) {
    return send(post("respond", "application/json", json));
  }

  /** What the Appium adapter sends: an empty form-encoded body. */
  public Reply respondEmptyForm() {
    return send(post("respond", "application/x-www-form-urlencoded", ""));
  }

  public Reply error(String json) {
    return send(post("error", "application/json", json));
  }

  public Reply post(String path, String contentType, byte[] body) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
  }

  /** A multipart upload of named files: each pair is (field name, file name, content). */
  public Reply upload(String path, String[]... files) {
    String boundary = "----trafficlight" + System.nanoTime();
    List<byte[]> parts = new ArrayList<>();
    for (String[] f : files) {
      parts.add(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + f[0] + "\"; filename=\"" + f[1]
          + "\"\r\nContent-Type: application/octet-stream\r\n\r\n" + f[2] + "\r\n").getBytes(StandardCharsets.UTF_8));
    }
    parts.add(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    int size = parts.stream().mapToInt(p -> p.length).sum();
    byte[] body = new byte[size];
    int at = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, body, at, p.length);
      at += p.length;
    }
    return post(path, "multipart/form-data; boundary=" + boundary, body);
  }

  private HttpRequest post(String path, String contentType, String body) {
    return HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
  }

  private static Reply send(HttpRequest request) {
    try {
      return reply(HTTP.send(request, HttpResponse.BodyHandlers.ofString()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static Reply reply(HttpResponse<String> response) {
    String body = response.body();
    return new Reply(response.statusCode(), body.isBlank() ? Json.object() : Json.parse(body), response.headers());
  }
}
