package dev.trafficlight.http;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trafficlight.core.view.CaseState;
import dev.trafficlight.core.scenario.Scenario;
import dev.trafficlight.core.Json;
import dev.trafficlight.testing.Adapter;
import dev.trafficlight.testing.Adapter.Reply;
import dev.trafficlight.testing.RunningServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HttpWireTest {
  private final RunningServer server = new RunningServer(Scenario.builder("wire")
      .role("alice", "element-web")
      .step("send", "alice", "send_message", Json.object().put("message", "hi"))
      .step("reload", s -> s.action("alice", "reload"))
      .build());

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void register_poll_respond_speak_the_original_wire() {
    Adapter alice = server.adapter("alice-1");
    Reply registered = alice.register("element-web", "UNKNOWN");
    assertEquals(200, registered.status());
    assertEquals(List.of("token"), iterableToList(registered.body().fieldNames()), "200 with nothing but the client's token");

    Reply action = alice.poll(0);
    assertEquals("send_message", action.action());
    assertEquals("hi", action.body().path("data").path("message").asText());
    String id = action.body().path("id").asText();
    assertEquals(action.body(), alice.poll(0).body(), "the same action until it is answered");

    Reply answered = alice.respond("{\"response\": \"sent\"}");
    assertEquals(200, answered.status());
    assertEquals("{}", answered.body().toString());
    Reply next = alice.poll(0);
    assertEquals("reload", next.action());
    assertTrue(!next.body().path("id").asText().equals(id));
    assertEquals(200, alice.post("report", "application/json", "{\"response\": \"reloaded\"}".getBytes()).status(),
        "/report is the same as /respond");
    Reply exit = alice.poll(0);
    assertEquals("exit", exit.action());
    assertTrue(exit.body().path("data").path("reason").asText().startsWith("case wire[element-web] passed"));
    assertEquals(CaseState.PASSED, server.server.coordinator().cases().get(0).state());
  }

  @Test
  void idle_carries_its_delay_as_a_number() {
    Adapter bob = server.adapter("bob");
    bob.register("hydrogen-web", "1");
    Reply idle = bob.poll(0);
    assertEquals("idle", idle.action());
    assertTrue(idle.body().path("data").path("delay").isNumber(), idle.body().toString());
  }

  @Test
  void an_unknown_uuid_is_told_to_exit_as_before() {
    Reply reply = server.adapter("nobody").poll(0);
    assertEquals(200, reply.status());
    assertEquals("{\"action\":\"exit\",\"data\":{\"reason\":\"no record of this UUID\"}}", reply.body().toString());
  }

  @Test
  void an_empty_form_encoded_answer_counts_as_an_answer() {
    Adapter appium = server.adapter("appium");
    appium.register("element-web", "1");
    appium.poll(0);
    assertEquals(200, appium.respondEmptyForm().status());
    assertEquals("reload", appium.poll(0).action());
  }

  @Test
  void json_sent_as_a_form_is_still_read_as_json() {
    Adapter curlish = server.adapter("curl");
    curlish.register("element-web", "1");
    String id = curlish.poll(0).body().path("id").asText();
    Reply stale = curlish.post("respond", "application/x-www-form-urlencoded", "{\"response\": \"sent\", \"id\": \"old\"}".getBytes());
    assertEquals(409, stale.status());
    assertEquals(200, curlish.post("respond", "application/x-www-form-urlencoded", ("{\"id\": \"" + id + "\"}").getBytes()).status());
  }

  @Test
  void a_null_or_empty_id_counts_as_no_id() {
    Adapter a = server.adapter("a");
    a.register("element-web", "1");
    a.poll(0);
    assertEquals(200, a.respond("{\"response\": \"sent\", \"id\": null}").status());
    a.poll(0);
    assertEquals(200, a.respond("{\"response\": \"reloaded\", \"id\": \"\"}").status());
    assertEquals("exit", a.poll(0).action());
  }

  @Test
  void the_versioned_prefix_serves_the_same_routes() {
    Adapter v1 = new Adapter(server.url + "/v1", "versioned");
    assertEquals(200, v1.register("element-web", "1").status());
    assertEquals("send_message", v1.poll(0).action());
  }

  private static List<String> iterableToList(java.util.Iterator<String> names) {
    List<String> out = new java.util.ArrayList<>();
    names.forEachRemaining(out::add);
    return out;
  }
}
