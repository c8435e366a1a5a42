package dev.trafficlight.matrix.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trafficlight.core.Json;
import dev.trafficlight.matrix.model.RoomEvent;
import dev.trafficlight.matrix.model.SyncBatch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each client-server call sends what the specification asks and reads what servers answer. */
class MatrixApiTest {
  private static final String ME = "@trafficlight:hs.test";
  private final MockWebServer server = new MockWebServer();
  private MatrixApi api;

  @BeforeEach
  void start() throws Exception {
    server.start(java.net.InetAddress.getLoopbackAddress(), 0);
    String base = server.url("/").toString();
    api = new MatrixApi(new OkHttpClient(), base.substring(0, base.length() - 1), ME, "secret-token");
  }

  @AfterEach
  void stop() throws Exception {
    server.shutdown();
  }

  private RecordedRequest taken() throws InterruptedException {
    RecordedRequest request = server.takeRequest(1, TimeUnit.SECONDS);
    assertTrue(request != null, "no request was sent");
    return request;
  }

  private static MockResponse json(String body) {
    return new MockResponse().setHeader("Content-Type", "application/json").setBody(body);
  }

  @Test
  void login_posts_a_password_login_and_answers_the_token() throws Exception {
    server.enqueue(json("{\"user_id\": \"" + ME + "\", \"access_token\": \"new-token\", \"device_id\": \"D\"}"));

    assertEquals("new-token", api.login("trafficlight", "pw"));

    RecordedRequest request = taken();
    assertEquals("POST", request.getMethod());
    assertEquals("/_matrix/client/v3/login", request.getPath());
    assertNull(request.getHeader("Authorization"));
    JsonNode body = Json.parse(request.getBody().readUtf8());
    assertEquals("m.login.password", body.path("type").asText());
    assertEquals("m.id.user", body.path("identifier").path("type").asText());
    assertEquals("trafficlight", body.path("identifier").path("user").asText());
    assertEquals("pw", body.path("password").asText());
  }

  @Test
  void send_puts_the_content_under_an_encoded_room_id_and_transaction_id() throws Exception {
    server.enqueue(json("{\"event_id\": \"$abc\"}"));

    String eventId = api.send("!room:hs.test", "dev.trafficlight.action", "tl-1", Json.object().put("action", "wait"));

    assertEquals("$abc", eventId);
    RecordedRequest request = taken();
    assertEquals("PUT", request.getMethod());
    assertEquals("/_matrix/client/v3/rooms/%21room%3Ahs.test/send/dev.trafficlight.action/tl-1",
        request.getRequestUrl().encodedPath());
    assertEquals("Bearer secret-token", request.getHeader("Authorization"));
    assertEquals("{\"action\":\"wait\"}", request.getBody().readUtf8());
  }

  @Test
  void sync_long_polls_from_the_token_with_the_filter_and_reads_leniently() throws Exception {
    server.enqueue(json("""
        {"next_batch": "s42", "device_lists": {"changed": []}, "rooms": {
          "invite": {"!inv:hs.test": {"invite_state": {"events": [
            {"type": "m.room.member", "sender": "@alice:hs.test", "state_key": "@trafficlight:hs.test",
             "content": {"membership": "invite"}}]}}},
          "join": {"!r:hs.test": {"timeline": {"limited": true, "events": [
            {"type": "dev.trafficlight.answer", "event_id": "$1", "sender": "@alice:hs.test",
             "content": {"response": "done", "m.relates_to": {"m.in_reply_to": {"event_id": "$0"}}}}]},
             "unknown_key": 1}},
          "leave": {"!gone:hs.test": {}}}}
        """));

    SyncBatch batch = api.sync("{\"room\":{}}", "s41", Duration.ofMillis(1500));

    RecordedRequest request = taken();
    assertEquals("GET", request.getMethod());
    assertEquals("/_matrix/client/v3/sync", request.getRequestUrl().encodedPath());
    assertEquals("s41", request.getRequestUrl().queryParameter("since"));
    assertEquals("1500", request.getRequestUrl().queryParameter("timeout"));
    assertEquals("{\"room\":{}}", request.getRequestUrl().queryParameter("filter"));
    assertEquals("s42", batch.nextBatch());
    assertEquals("@alice:hs.test", batch.invites().get(0).inviter());
    assertEquals("$0", batch.timelines().get("!r:hs.test").get(0).inReplyTo());
    assertEquals(List.of("!r:hs.test"), batch.limited());
    assertEquals(List.of("!gone:hs.test"), batch.left());
  }

  @Test
  void an_empty_sync_reply_has_no_rooms_and_no_token_in_the_query_the_first_time() throws Exception {
    server.enqueue(json("{\"next_batch\": \"s1\"}"));

    SyncBatch batch = api.sync(null, null, Duration.ZERO);

    assertNull(taken().getRequestUrl().queryParameter("since"));
    assertTrue(batch.invites().isEmpty() && batch.timelines().isEmpty() && batch.left().isEmpty());
  }

  @Test
  void join_and_leave_post_to_their_endpoints() throws Exception {
    server.enqueue(json("{\"room_id\": \"!r:hs.test\"}"));
    server.enqueue(json("{}"));

    api.join("!r:hs.test");
    api.leave("!r:hs.test");

    RecordedRequest join = taken();
    assertEquals("POST", join.getMethod());
    assertEquals("/_matrix/client/v3/join/%21r%3Ahs.test", join.getRequestUrl().encodedPath());
    RecordedRequest leave = taken();
    assertEquals("/_matrix/client/v3/rooms/%21r%3Ahs.test/leave", leave.getRequestUrl().encodedPath());
  }

  @Test
  void members_reads_each_membership_event_whole_with_its_timestamp() throws Exception {
    server.enqueue(json("""
        {"chunk": [{"type": "m.room.member", "event_id": "$j", "sender": "@tl:hs.test", "state_key": "@tl:hs.test",
                    "origin_server_ts": 1700000000123, "content": {"membership": "join"}, "unsigned": {"age": 5}}]}"""));

    List<RoomEvent> members = api.members("!r:hs.test");

    assertEquals("/_matrix/client/v3/rooms/%21r%3Ahs.test/members", taken().getRequestUrl().encodedPath());
    assertEquals(1, members.size());
    assertEquals("join", members.get(0).membership());
    assertEquals(1700000000123L, members.get(0).originServerTs());
  }

  @Test
  void a_rate_limit_carries_the_wait_the_server_asks_for() {
    server.enqueue(json("{\"errcode\": \"M_LIMIT_EXCEEDED\", \"error\": \"slow down\", \"retry_after_ms\": 1234}")
        .setResponseCode(429));

    MatrixApiException e = assertThrows(MatrixApiException.class, () -> api.whoami());

    assertEquals(429, e.status());
    assertEquals("M_LIMIT_EXCEEDED", e.errcode());
    assertEquals(1234, e.retryAfterMillis());
    assertTrue(e.isTransient());
  }

  @Test
  void an_unknown_token_is_a_bad_token_and_not_worth_retrying_as_it_is() {
    server.enqueue(json("{\"errcode\": \"M_UNKNOWN_TOKEN\", \"error\": \"Invalid access token\"}").setResponseCode(401));

    MatrixApiException e = assertThrows(MatrixApiException.class, () -> api.whoami());

    assertTrue(e.isBadToken());
    assertFalse(e.isTransient());
    assertTrue(e.getMessage().contains("M_UNKNOWN_TOKEN"), e.getMessage());
  }

  @Test
  void a_server_error_without_a_json_body_is_still_an_api_error() {
    server.enqueue(new MockResponse().setResponseCode(502).setBody("<html>Bad gateway</html>"));

    MatrixApiException e = assertThrows(MatrixApiException.class, () -> api.join("!r:hs.test"));

    assertEquals(502, e.status());
    assertTrue(e.isTransient());
  }

  @Test
  void upload_posts_the_bytes_and_answers_the_content_uri() throws Exception {
    server.enqueue(json("{\"content_uri\": \"mxc://hs.test/abc\"}"));

    assertEquals("mxc://hs.test/abc", api.upload(new byte[] {1, 2, 3}, "image/png", "shot.png"));

    RecordedRequest request = taken();
    assertEquals("POST", request.getMethod());
    assertEquals("/_matrix/media/v3/upload", request.getRequestUrl().encodedPath());
    assertEquals("shot.png", request.getRequestUrl().queryParameter("filename"));
    assertEquals("image/png", request.getHeader("Content-Type"));
    assertEquals(3, request.getBodySize());
  }

  @Test
  void download_writes_the_media_to_a_file(@TempDir Path dir) throws Exception {
    server.enqueue(new MockResponse().setBody(new Buffer().writeUtf8("hello")));
    Path target = dir.resolve("f");

    assertEquals(5, api.download("mxc://hs.test/abc", target, 100));

    assertEquals("/_matrix/media/v3/download/hs.test/abc", taken().getRequestUrl().encodedPath());
    assertEquals("hello", Files.readString(target));
  }

  @Test
  void a_download_over_the_limit_is_refused_and_leaves_no_file(@TempDir Path dir) {
    server.enqueue(new MockResponse().setBody(new Buffer().write(new byte[2000])));
    Path target = dir.resolve("f");

    MatrixApiException e = assertThrows(MatrixApiException.class, () -> api.download("mxc://hs.test/abc", target, 1000));

    assertFalse(e.isTransient());
    assertFalse(Files.exists(target));
  }

  @Test
  void a_malformed_media_uri_is_refused_without_a_request() throws Exception {
    assertThrows(IllegalArgumentException.class, () -> api.download("https://evil.example/x", Path.of("x"), 10));
    assertNull(server.takeRequest(100, TimeUnit.MILLISECONDS));
  }
}
