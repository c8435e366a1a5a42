package dev.trafficlight.servers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trafficlight.core.Json;
import dev.trafficlight.core.servers.HomeserverCalls.CallFailure;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Each of the coordinator's own Matrix calls, against a scripted homeserver: what is sent, what comes back. */
class MatrixCallsTest {
  private final MockWebServer hs = new MockWebServer();
  private final MatrixCalls calls = new MatrixCalls();
  private static final Duration SOON = Duration.ofSeconds(5);

  @AfterEach
  void stop() throws IOException {
    hs.shutdown();
  }

  private JsonNode server() {
    return Json.object().put("server_name", "hs1").put("cs_api", hs.url("/").toString());
  }

  private JsonNode call(String name, String args, Duration timeout) throws CallFailure {
    return calls.call(name, server(), Json.parse(args), timeout);
  }

  private RecordedRequest next() throws InterruptedException {
    return hs.takeRequest(5, TimeUnit.SECONDS);
  }

  @Test
  void register_user_passes_the_dummy_stage_of_user_interactive_auth() throws Exception {
    hs.enqueue(new MockResponse().setResponseCode(401).setBody("{\"session\": \"s1\", \"flows\": [{\"stages\": [\"m.login.dummy\"]}]}"));
    hs.enqueue(new MockResponse().setBody("{\"user_id\": \"@bob:hs1\", \"access_token\": \"t0k\", \"device_id\": \"D1\"}"));
    JsonNode result = call("register_user", "{\"username\": \"bob\", \"password\": \"pw\"}", SOON);
    assertEquals("@bob:hs1", result.path("user_id").asText());
    assertEquals("t0k", result.path("access_token").asText());
    RecordedRequest first = next();
    assertEquals("/_matrix/client/v3/register", first.getPath());
    assertFalse(Json.parse(first.getBody().readUtf8()).has("auth"));
    JsonNode second = Json.parse(next().getBody().readUtf8());
    assertEquals(Json.parse("{\"type\": \"m.login.dummy\", \"session\": \"s1\"}"), second.path("auth"));
    assertEquals("bob", second.path("username").asText());
  }

  @Test
  void login_sends_a_password_login_for_the_user() throws Exception {
    hs.enqueue(new MockResponse().setBody("{\"user_id\": \"@bob:hs1\", \"access_token\": \"t1\", \"device_id\": \"D2\"}"));
    assertEquals("t1", call("login", "{\"username\": \"bob\", \"password\": \"pw\"}", SOON).path("access_token").asText());
    RecordedRequest login = next();
    assertEquals("POST", login.getMethod());
    assertEquals("/_matrix/client/v3/login", login.getPath());
    assertEquals(Json.parse("{\"type\": \"m.login.password\", \"password\": \"pw\", \"identifier\": {\"type\": \"m.id.user\", \"user\": \"bob\"}}"),
        Json.parse(login.getBody().readUtf8()));
  }

  @Test
  void create_room_sends_the_token_and_the_invites() throws Exception {
    hs.enqueue(new MockResponse().setBody("{\"room_id\": \"!r:hs1\"}"));
    assertEquals("!r:hs1", call("create_room", "{\"access_token\": \"t1\", \"name\": \"talk\", \"invite\": \"@alice:hs1\"}", SOON)
        .path("room_id").asText());
    RecordedRequest create = next();
    assertEquals("/_matrix/client/v3/createRoom", create.getPath());
    assertEquals("Bearer t1", create.getHeader("Authorization"));
    assertEquals(Json.parse("{\"name\": \"talk\", \"invite\": [\"@alice:hs1\"]}"), Json.parse(create.getBody().readUtf8()));
  }

  @Test
  void send_message_puts_a_text_message_with_a_fresh_transaction_id() throws Exception {
    hs.enqueue(new MockResponse().setBody("{\"event_id\": \"$e1\"}"));
    assertEquals("$e1", call("send_message", "{\"access_token\": \"t1\", \"room_id\": \"!r:hs1\", \"body\": \"hello\"}", SOON)
        .path("event_id").asText());
    RecordedRequest send = next();
    assertEquals("PUT", send.getMethod());
    assertTrue(send.getPath().matches("/_matrix/client/v3/rooms/!r:hs1/send/m.room.message/[0-9a-f-]{36}"), send.getPath());
    assertEquals(Json.parse("{\"msgtype\": \"m.text\", \"body\": \"hello\"}"), Json.parse(send.getBody().readUtf8()));
  }

  @Test
  void wait_for_event_syncs_until_an_event_like_the_one_asked_for_arrives() throws Exception {
    hs.enqueue(new MockResponse().setBody("""
        {"next_batch": "b1", "rooms": {"join": {"!r:hs1": {"timeline": {"events": [
          {"type": "m.room.message", "sender": "@bob:hs1", "content": {"body": "hello"}}]}}}}}
        """));
    hs.enqueue(new MockResponse().setBody("""
        {"next_batch": "b2", "rooms": {"join": {"!r:hs1": {"timeline": {"events": [
          {"type": "m.room.member", "sender": "@alice:hs1", "content": {"body": "hi bob"}},
          {"content": {"msgtype": "m.text", "body": "hi bob"}, "type": "m.room.message", "sender": "@alice:hs1", "event_id": "$e2"}]}}}}}
        """));
    JsonNode event = call("wait_for_event", "{\"access_token\": \"t1\", \"room_id\": \"!r:hs1\", \"like\": {\"content.body\": \"hi bob\"}}", SOON);
    assertEquals("$e2", event.path("event_id").asText(), "the first m.room.message like the pattern");
    RecordedRequest first = next();
    assertEquals("0", first.getRequestUrl().queryParameter("timeout"), "what is there already is looked at at once");
    assertEquals(Json.parse("{\"room\": {\"rooms\": [\"!r:hs1\"], \"timeline\": {\"limit\": 50}}}"),
        Json.parse(first.getRequestUrl().queryParameter("filter")));
    RecordedRequest second = next();
    assertEquals("b1", second.getRequestUrl().queryParameter("since"));
    assertTrue(Long.parseLong(second.getRequestUrl().queryParameter("timeout")) > 0, "then it long-polls");
  }

  @Test
  void wait_for_event_that_never_sees_the_event_fails_the_case_in_its_time() {
    hs.setDispatcher(new okhttp3.mockwebserver.Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return new MockResponse().setBody("{\"next_batch\": \"b\", \"rooms\": {}}").setBodyDelay(100, TimeUnit.MILLISECONDS);
      }
    });
    long started = System.nanoTime();
    CallFailure f = assertThrows(CallFailure.class, () -> call("wait_for_event",
        "{\"access_token\": \"t1\", \"room_id\": \"!r:hs1\", \"like\": {\"content.body\": \"hi\"}}", Duration.ofSeconds(1)));
    long tookMs = (System.nanoTime() - started) / 1_000_000;
    assertTrue(f.failsCase(), "what was awaited never came: the thing under test misbehaved");
    assertEquals("no event of type m.room.message like {\"content.body\":\"hi\"} came in room !r:hs1 within 1s", f.getMessage());
    assertTrue(tookMs >= 1000 && tookMs < 4000, tookMs + " ms");
  }

  @Test
  void an_error_from_the_homeserver_puts_the_case_in_error_with_its_words() {
    hs.enqueue(new MockResponse().setResponseCode(400).setBody("{\"errcode\": \"M_USER_IN_USE\", \"error\": \"User ID already taken.\"}"));
    CallFailure f = assertThrows(CallFailure.class, () -> call("login", "{\"username\": \"bob\", \"password\": \"pw\"}", SOON));
    assertFalse(f.failsCase());
    assertEquals("login: " + hs.url("/") + " answered 400 M_USER_IN_USE User ID already taken.", f.getMessage());
  }
}
