package dev.trafficlight.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trafficlight.core.Json;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** The few client-server API calls a driver makes, for one Matrix account; no logic. */
final class MatrixWire {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final String base;
  private final String userId;
  private final String accessToken;

  private MatrixWire(String homeserver, String userId, String accessToken) {
    this.base = homeserver + "/_matrix/";
    this.userId = userId;
    this.accessToken = accessToken;
  }

  /** Registers an account on a homeserver with open registration (the dummy flow). */
  static MatrixWire register(String homeserver, String username, String password) throws IOException, InterruptedException {
    ObjectNode body = Json.object().put("username", username).put("password", password);
    body.putObject("auth").put("type", "m.login.dummy");
    JsonNode reply = send(HttpRequest.newBuilder(URI.create(homeserver + "/_matrix/client/v3/register"))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body.toString())).build());
    return new MatrixWire(homeserver, reply.path("user_id").asText(), reply.path("access_token").asText());
  }

  String userId() {
    return userId;
  }

  /** An unencrypted private room with one invitation, as the transport asks of a control room. */
  String createRoom(String name, String invitee) throws IOException, InterruptedException {
    ObjectNode body = Json.object().put("name", name).put("preset", "private_chat");
    body.putArray("invite").add(invitee);
    return post("client/v3/createRoom", body).path("room_id").asText();
  }

  /** Sends an event; the same {@code txnId} again is the same event. Answers its id. */
  String send(String roomId, String type, String txnId, JsonNode content) throws IOException, InterruptedException {
    HttpRequest request = authorized("client/v3/rooms/" + encode(roomId) + "/send/" + encode(type) + "/" + encode(txnId))
        .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(content.toString())).build();
    return send(request).path("event_id").asText();
  }

  /** One {@code /sync}, held up to {@code timeoutMillis} when {@code since} is given. */
  JsonNode sync(String since, String filter, long timeoutMillis) throws IOException, InterruptedException {
    String query = "?timeout=" + timeoutMillis + "&filter=" + encode(filter) + (since == null ? "" : "&since=" + encode(since));
    return send(authorized("client/v3/sync" + query).timeout(Duration.ofMillis(timeoutMillis + 30_000)).GET().build());
  }

  /** Uploads a file to the media repository; answers its {@code mxc://} URI. */
  String upload(byte[] bytes, String contentType, String fileName) throws IOException, InterruptedException {
    HttpRequest request = authorized("media/v3/upload?filename=" + encode(fileName)).header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build();
    return send(request).path("content_uri").asText();
  }

  private JsonNode post(String path, JsonNode body) throws IOException, InterruptedException {
    return send(authorized(path).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build());
  }

  private HttpRequest.Builder authorized(String path) {
    return HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + accessToken)
        .timeout(Duration.ofSeconds(30));
  }

  /** The JSON body of a 2xx reply; any other status is an {@link IOException} naming it and the server's errcode. */
  private static JsonNode send(HttpRequest request) throws IOException, InterruptedException {
    HttpResponse<String> reply = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    if (reply.statusCode() / 100 != 2) {
      throw new IOException(request.method() + " " + request.uri().getPath() + " answered " + reply.statusCode() + " " + reply.body());
    }
    return Json.parse(reply.body());
  }

  /** Room ids carry {@code !} and {@code :}, which servers expect percent-encoded in paths. */
  private static String encode(String segment) {
    return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
