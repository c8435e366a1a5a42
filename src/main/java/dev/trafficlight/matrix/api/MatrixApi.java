package dev.trafficlight.matrix.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trafficlight.core.Json;
import dev.trafficlight.matrix.model.MxcUri;
import dev.trafficlight.matrix.model.RoomEvent;
import dev.trafficlight.matrix.model.SyncBatch;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.Call;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * The client-server API calls the transport needs, one method per endpoint, and no logic: each
 * either returns the server's answer or throws ({@link MatrixApiException} for an error reply,
 * {@link IOException} for a network failure).
 */
public final class MatrixApi {
  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
  private static final String CLIENT = "_matrix/client/v3";
  private static final String MEDIA = "_matrix/media/v3";
  private static final Duration DOWNLOAD_TIMEOUT = Duration.ofMinutes(10);

  private final OkHttpClient http;
  private final HttpUrl base;
  private final String accessToken;
  private final String userId;
  /** The sync in flight, so that closing can interrupt a long-poll. */
  private final AtomicReference<Call> syncCall = new AtomicReference<>();

  public MatrixApi(OkHttpClient http, String homeserver, String userId, String accessToken) {
    this.http = http;
    this.base = Objects.requireNonNull(HttpUrl.parse(homeserver), () -> "not a URL: " + homeserver);
    this.userId = userId;
    this.accessToken = accessToken;
  }

  public String userId() {
    return userId;
  }

  public String accessToken() {
    return accessToken;
  }

  /** {@code POST /login} with a password; answers the new access token. */
  public String login(String user, String password) throws IOException {
    ObjectNode body = Json.object().put("type", "m.login.password").put("password", password)
        .put("initial_device_display_name", "trafficlight");
    body.putObject("identifier").put("type", "m.id.user").put("user", user);
    return call("login", post(url(CLIENT, "login"), body, false), Duration.ZERO).path("access_token").asText();
  }

  /** {@code GET /account/whoami}: the user id the token belongs to. */
  public String whoami() throws IOException {
    return call("whoami", get(url(CLIENT, "account", "whoami")), Duration.ZERO).path("user_id").asText();
  }

  /** {@code GET /sync}, long-polling up to {@code timeout}; {@code since} null for the first sync. */
  public SyncBatch sync(String filter, String since, Duration timeout) throws IOException {
    HttpUrl.Builder url = url(CLIENT, "sync").newBuilder()
        .addQueryParameter("timeout", Long.toString(timeout.toMillis()));
    if (filter != null) {
      url.addQueryParameter("filter", filter);
    }
    if (since != null) {
      url.addQueryParameter("since", since);
    }
    return SyncBatch.parse(call("sync", get(url.build()), timeout), userId);
  }

  /** Interrupts a sync in flight (it then fails with an {@link IOException}). */
  public void cancelSync() {
    Call call = syncCall.get();
    if (call != null) {
      call.cancel();
    }
  }

  /** {@code POST /join/{roomIdOrAlias}}. */
  public void join(String roomId) throws IOException {
    call("join", post(url(CLIENT, "join", roomId), Json.object(), true), Duration.ZERO);
  }

  /** {@code GET /rooms/{roomId}/members}: the room's current membership events, each a whole event. */
  public List<RoomEvent> members(String roomId) throws IOException {
    JsonNode reply = call("members", get(url(CLIENT, "rooms", roomId, "members")), Duration.ZERO);
    List<RoomEvent> members = new ArrayList<>();
    reply.path("chunk").forEach(event -> members.add(RoomEvent.of(event)));
    return members;
  }

  /** {@code POST /rooms/{roomId}/leave}; also rejects an invitation. */
  public void leave(String roomId) throws IOException {
    call("leave", post(url(CLIENT, "rooms", roomId, "leave"), Json.object(), true), Duration.ZERO);
  }

  /** {@code PUT /rooms/{roomId}/send/{type}/{txnId}}; answers the event id. A repeated txnId answers the same one. */
  public String send(String roomId, String type, String txnId, JsonNode content) throws IOException {
    Request request = authorized(url(CLIENT, "rooms", roomId, "send", type, txnId))
        .put(RequestBody.create(content.toString(), JSON)).build();
    return call("send", request, Duration.ZERO).path("event_id").asText();
  }

  /** {@code POST /createRoom} inviting these users; answers the room id. */
  public String createRoom(String name, List<String> invite) throws IOException {
    ObjectNode body = Json.object().put("name", name).put("preset", "private_chat");
    invite.forEach(body.putArray("invite")::add);
    return call("createRoom", post(url(CLIENT, "createRoom"), body, true), Duration.ZERO).path("room_id").asText();
  }

  /** {@code POST /rooms/{roomId}/invite}. */
  public void invite(String roomId, String user) throws IOException {
    call("invite", post(url(CLIENT, "rooms", roomId, "invite"), Json.object().put("user_id", user), true), Duration.ZERO);
  }

  /** {@code POST /_matrix/media/v3/upload}; answers the {@code mxc://} URI. */
  public String upload(byte[] bytes, String contentType, String filename) throws IOException {
    HttpUrl url = url(MEDIA, "upload").newBuilder().addQueryParameter("filename", filename).build();
    Request request = authorized(url).post(RequestBody.create(bytes, MediaType.get(contentType))).build();
    return call("upload", request, Duration.ZERO).path("content_uri").asText();
  }

  /**
   * {@code GET /_matrix/media/v3/download/{server}/{mediaId}} into {@code target}, refusing more
   * than {@code maxBytes}; answers the number of bytes written. Anything but an {@code mxc://}
   * URI is an {@link IllegalArgumentException}: no request is made.
   */
  public long download(String mxcUri, Path target, long maxBytes) throws IOException {
    MxcUri media = MxcUri.parse(mxcUri).orElseThrow(() -> new IllegalArgumentException("not a media URI: " + mxcUri));
    // a server that trickles bytes must not hold a download forever
    OkHttpClient bounded = http.newBuilder().callTimeout(DOWNLOAD_TIMEOUT).build();
    try (Response response = bounded.newCall(authorized(url(MEDIA, "download", media.serverName(), media.mediaId())).get().build()).execute()) {
      if (!response.isSuccessful()) {
        throw error("download", response);
      }
      long written = 0;
      try (InputStream in = response.body().byteStream(); OutputStream out = Files.newOutputStream(target)) {
        byte[] buffer = new byte[64 * 1024];
        for (int n; (n = in.read(buffer)) > 0; ) {
          written += n;
          if (written > maxBytes) {
            throw new MatrixApiException("download", 413, "M_TOO_LARGE", mxcUri + " exceeds " + maxBytes + " bytes", -1);
          }
          out.write(buffer, 0, n);
        }
      } catch (IOException e) {
        Files.deleteIfExists(target);
        throw e;
      }
      return written;
    }
  }

  private HttpUrl url(String prefix, String... segments) {
    HttpUrl.Builder url = base.newBuilder().addPathSegments(prefix);
    for (String segment : segments) {
      // room ids and event ids carry '!', ':' and '$', which servers expect percent-encoded
      url.addEncodedPathSegment(URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"));
    }
    return url.build();
  }

  private Request get(HttpUrl url) {
    return authorized(url).get().build();
  }

  private Request post(HttpUrl url, JsonNode body, boolean withToken) {
    Request.Builder request = withToken ? authorized(url) : new Request.Builder().url(url);
    return request.post(RequestBody.create(body.toString(), JSON)).build();
  }

  private Request.Builder authorized(HttpUrl url) {
    return new Request.Builder().url(url).header("Authorization", "Bearer " + accessToken);
  }

  private JsonNode call(String name, Request request, Duration longPoll) throws IOException {
    OkHttpClient client = longPoll.isZero() ? http
        : http.newBuilder().readTimeout(longPoll.plusSeconds(15)).callTimeout(Duration.ZERO).build();
    Call call = client.newCall(request);
    if (!longPoll.isZero() || "sync".equals(name)) {
      syncCall.set(call);
    }
    try (Response response = call.execute()) {
      if (!response.isSuccessful()) {
        throw error(name, response);
      }
      String text = response.body().string();
      try {
        return text.isBlank() ? Json.object() : Json.parse(text);
      } catch (IllegalArgumentException e) {
        throw new IOException(name + " answered something that is not JSON: " + e.getMessage(), e);
      }
    }
  }

  private static MatrixApiException error(String name, Response response) throws IOException {
    JsonNode body;
    try {
      body = Json.parse(response.body().string());
    } catch (IllegalArgumentException notJson) {
      body = Json.object();
    }
    return new MatrixApiException(name, response.code(), body.path("errcode").asText("M_UNKNOWN"),
        body.path("error").asText(""), body.path("retry_after_ms").asLong(-1));
  }
}
