package dev.trafficlight.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trafficlight.core.Json;
import dev.trafficlight.core.view.CaseState;
import dev.trafficlight.core.scenario.Scenario;
import dev.trafficlight.testing.Adapter;
import dev.trafficlight.testing.Adapter.Reply;
import dev.trafficlight.testing.RunningServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Clients' mistakes get a 4xx with a JSON body naming the problem, and change nothing. */
class HttpErrorsTest {
  private final RunningServer server = new RunningServer(Scenario.builder("errors")
      .role("alice", "element-web")
      .step("send", "alice", "send_message", Json.object().put("message", "hi"))
      .build());

  @AfterEach
  void stop() {
    server.close();
  }

  private static void assertError(Reply reply, int status, String code) {
    assertEquals(status, reply.status(), reply.body().toString());
    assertEquals(code, reply.body().path("code").asText(), reply.body().toString());
    assertFalse(reply.body().path("error").asText().isBlank());
    assertFalse(reply.body().toString().contains("at dev.trafficlight"), "no stack trace");
  }

  @Test
  void malformed_json_is_a_400_naming_the_problem() {
    Adapter a = server.adapter("a");
    assertError(a.register("{\"type\": "), 400, "malformed_json");
    assertError(a.register("[\"element-web\"]"), 400, "not_an_object");
    assertError(a.register(""), 400, "empty_body");
    assertTrue(server.server.coordinator().clients().isEmpty(), "nothing was registered");
  }

  @Test
  void actions_in_a_registration_that_are_not_a_list_of_names_are_a_400() {
    Adapter a = server.adapter("a");
    assertError(a.register("{\"type\": \"element-web\", \"actions\": \"send_message\"}"), 400, "invalid_registration");
    assertError(a.register("{\"type\": \"element-web\", \"actions\": [42]}"), 400, "invalid_registration");
    assertTrue(server.server.coordinator().clients().isEmpty(), "nothing was registered");
    assertEquals(200, a.register("{\"type\": \"element-web\", \"actions\": [\"send_message\"]}").status());
    assertEquals("send_message", a.poll(0).body().path("action").asText(), "a client that lists the role's actions plays it");
  }

  @Test
  void calls_for_an_unknown_uuid_are_404() {
    Adapter ghost = server.adapter("ghost");
    assertError(ghost.respond("{\"response\": \"done\"}"), 404, "unknown_client");
    assertError(ghost.error("{\"error\": {\"type\": \"action\"}}"), 404, "unknown_client");
    assertError(ghost.upload("upload", new String[] {"file", "log.txt", "x"}), 404, "unknown_client");
  }

  @Test
  void an_answer_with_nothing_outstanding_or_a_stale_id_is_a_409_and_changes_nothing() {
    Adapter idle = server.adapter("idle");
    idle.register("hydrogen-web", "1");
    assertError(idle.respond("{\"response\": \"done\"}"), 409, "no_outstanding_action");

    Adapter a = server.adapter("a");
    a.register("element-web", "1");
    String id = a.poll(0).body().path("id").asText();
    assertError(a.respond("{\"response\": \"done\", \"id\": \"not-" + id + "\"}"), 409, "stale_action");
    assertEquals(CaseState.RUNNING, server.server.coordinator().cases().get(0).state());
    assertEquals(id, a.poll(0).body().path("id").asText());
    assertEquals(200, a.respond("{\"response\": \"done\", \"id\": \"" + id + "\"}").status());
    assertError(a.respond("{\"response\": \"done\", \"id\": \"" + id + "\"}"), 409, "no_outstanding_action");
  }

  @Test
  void registering_again_while_in_a_case_is_a_409() {
    Adapter a = server.adapter("a");
    a.register("element-web", "1");
    assertError(a.register("element-web", "2"), 409, "in_case");
    assertEquals("1", server.server.coordinator().clients().get(0).registration().path("version").asText());
  }

  @Test
  void a_registration_over_64_kb_is_a_413_and_registers_nothing() {
    Adapter a = server.adapter("a");
    String big = "{\"type\": \"element-web\", \"notes\": \"" + "x".repeat(70 * 1024) + "\"}";
    assertError(a.post("register", "application/json", big.getBytes(java.nio.charset.StandardCharsets.UTF_8)), 413, "too_large");
    assertTrue(server.server.coordinator().clients().isEmpty());
  }

  @Test
  void bad_poll_timeouts_unknown_routes_and_methods_answer_in_json() {
    Adapter a = server.adapter("a");
    a.register("element-web", "1");
    assertError(a.poll(-5), 400, "bad_timeout");
    assertError(a.post("poll", "application/json", new byte[0]), 405, "method_not_allowed");
    Reply notFound = a.post("teleport", "application/json", "{}".getBytes());
    assertError(notFound, 404, "not_found");
  }

  @Test
  void a_lenient_error_report_is_accepted() {
    Adapter a = server.adapter("a");
    a.register("element-web", "1");
    a.poll(0);
    assertEquals(200, a.error("{}").status());
    assertEquals(CaseState.ERROR, server.server.coordinator().cases().get(0).state());
    assertEquals("exit", a.poll(0).action());
  }

  @Test
  void a_broken_multipart_body_is_a_400() {
    Adapter a = server.adapter("a");
    a.register("element-web", "1");
    assertError(a.post("respond", "multipart/form-data", "xx".getBytes()), 400, "malformed_multipart");
    assertError(a.post("upload", "multipart/form-data; boundary=zz", "garbage without parts".getBytes()), 400, "malformed_multipart");
    assertEquals(CaseState.RUNNING, server.server.coordinator().cases().get(0).state());
  }

  @Test
  void an_oversized_chunked_json_body_is_a_413() throws Exception {
    byte[] huge = ("{\"type\": \"element-web\", \"pad\": \"" + "x".repeat(RequestBodies.MAX_TEXT_BYTES) + "\"}").getBytes();
    java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.url + "/client/big/register"))
        .header("Content-Type", "application/json")
        .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(huge)))
        .build();
    java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient()
        .send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
    assertEquals(413, response.statusCode(), response.body());
    assertTrue(response.body().contains("\"code\":\"too_large\""), response.body());
    assertTrue(server.server.coordinator().clients().isEmpty());
  }
}
