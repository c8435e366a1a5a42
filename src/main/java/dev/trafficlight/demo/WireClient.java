package dev.trafficlight.demo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trafficlight.core.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** The adapters' HTTP wire for one client UUID, as transports/http.md describes it. */
final class WireClient {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final String base;

  WireClient(String coordinatorUrl, String uuid) {
    this.base = coordinatorUrl + "/client/" + uuid + "/";
  }

  void register(JsonNode registration) throws IOException, InterruptedException {
    postJson("register", registration);
  }

  /** The next instruction: an action, {@code idle} or {@code exit}. */
  JsonNode poll(long holdMillis) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(URI.create(base + "poll?timeout=" + holdMillis))
        .timeout(Duration.ofMillis(holdMillis + 30_000)).GET().build();
    return Json.parse(send(request));
  }

  void respond(JsonNode answer) throws IOException, InterruptedException {
    postJson("respond", answer);
  }

  void error(JsonNode error) throws IOException, InterruptedException {
    postJson("error", error);
  }

  /** Uploads one text file as multipart/form-data. */
  void upload(String fileName, String text) throws IOException, InterruptedException {
    String boundary = "simulated" + System.nanoTime();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
        + "\"\r\nContent-Type: text/plain\r\n\r\n").getBytes(StandardCharsets.UTF_8));
    body.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    send(HttpRequest.newBuilder(URI.create(base + "upload"))
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build());
  }

  private void postJson(String path, JsonNode body) throws IOException, InterruptedException {
    send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build());
  }

  /** The body of a 2xx reply; any other status is an {@link IOException} naming it. */
  private static String send(HttpRequest request) throws IOException, InterruptedException {
    HttpResponse<String> reply = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    if (reply.statusCode() / 100 != 2) {
      throw new IOException(request.method() + " " + request.uri().getPath() + " answered " + reply.statusCode() + " " + reply.body());
    }
    return reply.body();
  }
}
