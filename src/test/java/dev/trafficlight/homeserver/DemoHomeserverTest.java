package dev.trafficlight.homeserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trafficlight.core.Json;
import dev.trafficlight.matrix.api.MatrixApi;
import dev.trafficlight.matrix.api.MatrixApiException;
import dev.trafficlight.matrix.model.RoomEvent;
import dev.trafficlight.matrix.model.SyncBatch;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo's homeserver answers the calls of the Matrix transport's own API client, over a real socket, as a real server would. */
class DemoHomeserverTest {
  private static final OkHttpClient HTTP = new OkHttpClient.Builder().readTimeout(Duration.ofSeconds(20)).build();
  private final DemoHomeserver hs = DemoHomeserver.start("demo.test");
  private final MatrixApi alice = api("alice");
  private final MatrixApi bob = api("bob");

  @TempDir
  Path dir;

  @AfterEach
  void stop() {
    hs.close();
  }

  private MatrixApi api(String localpart) {
    return new MatrixApi(HTTP, hs.baseUrl(), hs.userId(localpart), hs.register(localpart, "pw-" + localpart));
  }

  @Test
  void an_invited_user_joins_and_sees_the_history_the_room_had_before() throws Exception {
    String room = alice.createRoom("control", List.of(bob.userId()));
    alice.send(room, "m.room.message", "t1", Json.object().put("body", "before bob came"));
    SyncBatch first = bob.sync(null, null, Duration.ZERO);
    assertEquals(room, first.invites().get(0).roomId());
    assertEquals(alice.userId(), first.invites().get(0).inviter());

    bob.join(room);
    SyncBatch joined = bob.sync(null, first.nextBatch(), Duration.ofSeconds(5));
    List<String> bodies = joined.timelines().get(room).stream().map(e -> e.content().path("body").asText()).toList();
    assertTrue(bodies.contains("before bob came"), bodies.toString());
    assertEquals(List.of(alice.userId(), bob.userId()),
        bob.members(room).stream().filter(m -> m.membership().equals("join")).map(RoomEvent::stateKey).toList());
  }

  @Test
  void a_held_sync_wakes_on_the_next_event_and_the_filter_keeps_out_own_events() throws Exception {
    String room = alice.createRoom("control", List.of(bob.userId()));
    bob.join(room);
    String filter = "{\"room\":{\"timeline\":{\"types\":[\"m.room.message\"],\"not_senders\":[\"" + alice.userId() + "\"]}}}";
    String since = alice.sync(filter, null, Duration.ZERO).nextBatch();
    CompletableFuture<SyncBatch> held = CompletableFuture.supplyAsync(() -> {
      try {
        return alice.sync(filter, since, Duration.ofSeconds(10));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    alice.send(room, "m.room.message", "own", Json.object().put("body", "mine"));
    Thread.sleep(200);
    assertFalse(held.isDone(), "the sender's own event does not wake its filtered sync");
    long sent = System.nanoTime();
    bob.send(room, "m.room.message", "b1", Json.object().put("body", "hi alice"));
    SyncBatch batch = held.get(5, TimeUnit.SECONDS);
    assertTrue(System.nanoTime() - sent < TimeUnit.SECONDS.toNanos(2), "woken at once, not at the timeout");
    assertEquals(List.of("hi alice"), batch.timelines().get(room).stream().map(e -> e.content().path("body").asText()).toList());
  }

  @Test
  void a_repeated_transaction_id_is_the_same_event_and_only_members_may_send() throws Exception {
    String room = alice.createRoom("control", List.of());
    String first = alice.send(room, "dev.trafficlight.answer", "txn-1", Json.object().put("response", "done"));
    assertEquals(first, alice.send(room, "dev.trafficlight.answer", "txn-1", Json.object().put("response", "done")));
    assertEquals(1, alice.sync(null, null, Duration.ZERO).timelines().get(room).stream()
        .filter(e -> e.type().equals("dev.trafficlight.answer")).count());

    MatrixApiException outsider = assertThrows(MatrixApiException.class,
        () -> bob.send(room, "m.room.message", "t", Json.object().put("body", "let me in")));
    assertEquals("M_FORBIDDEN", outsider.errcode());
    assertEquals("M_FORBIDDEN", assertThrows(MatrixApiException.class, () -> bob.join(room)).errcode(),
        "joining a private room needs an invitation");
  }

  @Test
  void files_go_up_and_come_back_and_an_unknown_one_is_not_found() throws Exception {
    String uri = alice.upload("a log".getBytes(), "text/plain", "client.log");
    assertTrue(uri.startsWith("mxc://demo.test/"), uri);
    Path copy = dir.resolve("copy.log");
    assertEquals(5, bob.download(uri, copy, 1024));
    assertEquals("a log", Files.readString(copy));
    MatrixApiException missing = assertThrows(MatrixApiException.class,
        () -> bob.download("mxc://demo.test/nothing", dir.resolve("x"), 1024));
    assertEquals(404, missing.status());
  }

  @Test
  void a_password_login_gets_a_working_token_and_a_bad_token_is_refused() throws Exception {
    String token = alice.login("Alice", "pw-alice");
    assertEquals(alice.userId(), new MatrixApi(HTTP, hs.baseUrl(), alice.userId(), token).whoami());
    MatrixApiException refused = assertThrows(MatrixApiException.class,
        () -> new MatrixApi(HTTP, hs.baseUrl(), alice.userId(), "stolen").whoami());
    assertEquals("M_UNKNOWN_TOKEN", refused.errcode());
  }

  @Test
  void registration_asks_for_the_dummy_flow_first_and_lower_cases_the_name() throws Exception {
    HttpResponse<String> flows = post("/_matrix/client/v3/register", "{\"username\": \"Carol\", \"password\": \"p\"}");
    assertEquals(401, flows.statusCode());
    assertEquals("m.login.dummy", Json.parse(flows.body()).path("flows").path(0).path("stages").path(0).asText());
    HttpResponse<String> registered = post("/_matrix/client/v3/register",
        "{\"username\": \"Carol\", \"password\": \"p\", \"auth\": {\"type\": \"m.login.dummy\"}}");
    assertEquals(200, registered.statusCode(), registered.body());
    assertEquals("@carol:demo.test", Json.parse(registered.body()).path("user_id").asText());
    assertEquals("M_USER_IN_USE", Json.parse(post("/_matrix/client/v3/register",
        "{\"username\": \"carol\", \"password\": \"p\", \"auth\": {\"type\": \"m.login.dummy\"}}").body()).path("errcode").asText());
  }

  private HttpResponse<String> post(String path, String json) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(hs.baseUrl() + path))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void an_unknown_endpoint_and_an_oversized_event_get_a_real_servers_errors() throws Exception {
    HttpResponse<String> unknown = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create(hs.baseUrl() + "/_matrix/client/v3/rooms/x/redact/y/z"))
        .header("Authorization", "Bearer " + alice.accessToken()).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(400, unknown.statusCode());
    assertEquals("M_UNRECOGNIZED", Json.parse(unknown.body()).path("errcode").asText());

    String room = alice.createRoom("control", List.of());
    JsonNode huge = Json.object().put("body", "x".repeat(Limits.EVENT_BYTES));
    MatrixApiException tooLarge = assertThrows(MatrixApiException.class, () -> alice.send(room, "m.room.message", "big", huge));
    assertEquals("M_TOO_LARGE", tooLarge.errcode());
  }

  @Test
  void it_answers_only_to_its_loopback_names_and_nothing_it_serves_is_sniffed() throws Exception {
    int port = URI.create(hs.baseUrl()).getPort();
    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
      socket.getOutputStream().write(("GET /_matrix/client/versions HTTP/1.1\r\nHost: attacker.example:" + port
          + "\r\nConnection: close\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      String reply = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      assertTrue(reply.startsWith("HTTP/1.1 421"), "a page that rebinds its name to 127.0.0.1 is refused: " + reply);
    }
    HttpResponse<String> versions = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create(hs.baseUrl() + "/_matrix/client/versions")).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, versions.statusCode());
    assertEquals("nosniff", versions.headers().firstValue("X-Content-Type-Options").orElse(""));
  }
}
