package dev.trafficlight.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trafficlight.core.Json;
import dev.trafficlight.core.scenario.Scenario;
import dev.trafficlight.http.HttpSettings;
import dev.trafficlight.testing.RunningServer;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Only a client may act as itself; browsers and strangers get nothing. */
class TrustTest {
  private static final Scenario ONE_STEP = Scenario.builder("one").role("alice", "element-web")
      .step("s", "alice", "reload", null).build();

  private static RunningServer server(AccessSettings access) {
    return new RunningServer(new ServerConfig(ServerConfig.defaults().engine(), HttpSettings.defaults(), null, access),
        List.of(ONE_STEP));
  }

  /** One raw request on its own connection: status line and body, with any headers we like. */
  private static String[] request(RunningServer server, String method, String path, String headers, String body) throws Exception {
    try (Socket socket = new Socket("127.0.0.1", server.server.port())) {
      socket.setSoTimeout(10_000);
      byte[] payload = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
      String head = method + " " + path + " HTTP/1.1\r\n" + (headers.contains("Host:") ? "" : "Host: 127.0.0.1\r\n")
          + headers + "Content-Length: " + payload.length + "\r\nConnection: close\r\n\r\n";
      OutputStream out = socket.getOutputStream();
      out.write(head.getBytes(StandardCharsets.US_ASCII));
      out.write(payload);
      out.flush();
      InputStream in = socket.getInputStream();
      String all = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      int split = all.indexOf("\r\n\r\n");
      return new String[] {all.substring(9, 12), all.substring(split + 4), all.substring(0, split)};
    }
  }

  private static String json(String body) {
    return "Content-Type: application/json\r\n";
  }

  @Test
  void a_client_that_uses_its_token_cannot_be_hijacked() throws Exception {
    try (RunningServer server = server(AccessSettings.open())) {
      String[] registered = request(server, "POST", "/client/alice/register", json(""), "{\"type\": \"element-web\"}");
      assertEquals("200", registered[0]);
      String token = Json.parse(registered[1]).path("token").asText();
      assertTrue(token.length() >= 30, "a long random token: " + token);
      String mine = "X-Trafficlight-Token: " + token + "\r\n";
      JsonNode action = Json.parse(request(server, "GET", "/client/alice/poll?timeout=0", mine, null)[1]);
      assertEquals("reload", action.path("action").asText());

      assertEquals("401", request(server, "GET", "/client/alice/poll?timeout=0", "", null)[0], "steal the poll");
      assertEquals("403", request(server, "GET", "/client/alice/poll?timeout=0", "X-Trafficlight-Token: guess\r\n", null)[0]);
      assertEquals("401", request(server, "POST", "/client/alice/respond", json(""), "{\"response\": \"done\", \"user_id\": \"@evil:hs\"}")[0]);
      assertEquals("401", request(server, "POST", "/client/alice/error", json(""), "{\"error\": {\"type\": \"action\"}}")[0]);
      assertEquals("401", request(server, "POST", "/client/alice/register", json(""), "{\"type\": \"element-web\"}")[0]);
      assertEquals("401", request(server, "POST", "/client/alice/upload",
          "Content-Type: multipart/form-data; boundary=b\r\n", "--b\r\nContent-Disposition: form-data; name=f; filename=x\r\n\r\nx\r\n--b--\r\n")[0]);
      assertEquals("running", server.server.coordinator().cases().get(0).state().word(), "nothing the attacker sent counted");

      assertEquals("200", request(server, "POST", "/client/alice/respond?token=" + token, json(""), "{\"response\": \"done\"}")[0],
          "the query parameter works as well as the header");
      assertEquals("passed", server.server.coordinator().cases().get(0).state().word());
    }
  }

  @Test
  void an_adapter_that_never_sends_its_token_works_as_with_the_original_server() throws Exception {
    try (RunningServer server = server(AccessSettings.open())) {
      assertEquals("200", request(server, "POST", "/client/old/register", json(""), "{\"type\": \"element-web\"}")[0]);
      assertEquals("reload", Json.parse(request(server, "GET", "/client/old/poll?timeout=0", "", null)[1]).path("action").asText());
      assertEquals("200", request(server, "POST", "/client/old/respond", json(""), "{\"response\": \"done\"}")[0]);
    }
  }

  @Test
  void a_page_from_another_origin_or_name_cannot_act() throws Exception {
    try (RunningServer server = server(AccessSettings.open())) {
      String[] csrf = request(server, "POST", "/client/x/register", "Origin: http://evil.example\r\nContent-Type: text/plain\r\n",
          "{\"type\": \"element-web\"}");
      assertEquals("403", csrf[0]);
      assertEquals("foreign_origin", Json.parse(csrf[1]).path("code").asText());
      String[] rebinding = request(server, "GET", "/status", "Host: attacker.example:5000\r\n", null);
      assertEquals("421", rebinding[0], "DNS rebinding: the page thinks it is attacker.example");
      String[] rebindingPoll = request(server, "GET", "/client/x/poll?timeout=0", "Host: attacker.example:5000\r\n", null);
      assertEquals("421", rebindingPoll[0], "polls, served apart from the other routes, are behind the same guard");
      String[] plain = request(server, "POST", "/client/x/register", "Origin: http://127.0.0.1\r\nContent-Type: text/plain\r\n",
          "{\"type\": \"element-web\"}");
      assertEquals("415", plain[0], "a browser must say JSON");
      assertTrue(server.server.coordinator().clients().isEmpty(), "nobody registered");
      String[] poll = request(server, "GET", "/client/x/poll?timeout=0", "", null);
      assertTrue(poll[2].toLowerCase().contains("x-content-type-options: nosniff"), poll[2]);
    }
  }

  @Test
  void a_poll_whose_query_cannot_be_read_is_a_400_in_json() throws Exception {
    try (RunningServer server = server(AccessSettings.open())) {
      String[] poll = request(server, "GET", "/client/x/poll?timeout=%zz", "", null);
      assertEquals("400", poll[0], poll[1]);
      assertEquals("bad_request", Json.parse(poll[1]).path("code").asText());
    }
  }

  @Test
  void with_a_secret_path_the_client_routes_exist_only_under_it() throws Exception {
    try (RunningServer server = server(new AccessSettings("lab-s3cret-path", null, List.of()))) {
      assertEquals("404", request(server, "POST", "/client/a/register", json(""), "{\"type\": \"element-web\"}")[0]);
      assertEquals("200", request(server, "POST", "/lab-s3cret-path/client/a/register", json(""), "{\"type\": \"element-web\"}")[0]);
      assertEquals("reload", Json.parse(request(server, "GET", "/lab-s3cret-path/client/a/poll?timeout=0", "", null)[1])
          .path("action").asText());
    }
  }

  @Test
  void with_a_viewer_password_anonymous_viewers_see_nothing() throws Exception {
    try (RunningServer server = server(new AccessSettings(null, "hunter22", List.of()))) {
      request(server, "POST", "/client/a/register", json(""), "{\"type\": \"element-web\"}");
      for (String path : List.of("/status", "/api/clients", "/api/cases", "/status/junit.xml", "/")) {
        String[] anonymous = request(server, "GET", path, "", null);
        assertEquals("401", anonymous[0], path);
        assertTrue(!anonymous[1].contains("\"a\""), "no client UUID in " + path);
      }
      String basic = "Authorization: Basic " + Base64.getEncoder().encodeToString("me:hunter22".getBytes(StandardCharsets.UTF_8)) + "\r\n";
      assertEquals("200", request(server, "GET", "/status", basic, null)[0]);
      assertEquals("200", request(server, "GET", "/api/clients", "Authorization: Bearer hunter22\r\n", null)[0]);
      assertEquals("401", request(server, "GET", "/api/clients", "Authorization: Bearer wrong\r\n", null)[0]);
      assertEquals("200", request(server, "GET", "/client/a/poll?timeout=0", "", null)[0], "adapters need no viewer password");
    }
  }

  @Test
  void a_guessable_secret_path_is_refused_and_an_open_coordinator_says_what_it_exposes() {
    assertThrows(IllegalArgumentException.class, () -> new AccessSettings("abc", null, List.of()));
    assertThrows(IllegalArgumentException.class, () -> new AccessSettings("has/slash-in-it", null, List.of()));
    assertNotNull(AccessSettings.open().exposure());
    assertEquals(null, new AccessSettings("lab-s3cret-path", "hunter22", List.of()).exposure());
  }
}
