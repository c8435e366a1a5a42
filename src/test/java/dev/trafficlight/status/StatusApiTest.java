package dev.trafficlight.status;

import static dev.trafficlight.status.Fixtures.act;
import static dev.trafficlight.status.Fixtures.register;
import static dev.trafficlight.status.Fixtures.registration;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trafficlight.core.Json;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatusApiTest {

  @Test
  void scenarios_list_roles_steps_edges_and_counts_per_state() throws Exception {
    try (StatusServer server = new StatusServer()) {
      server.coordinator.add(Fixtures.chat());
      JsonNode doc = json(server.get("/api/scenarios"));
      assertTrue(doc.hasNonNull("now"));
      JsonNode chat = doc.path("scenarios").get(0);
      assertEquals("chat", chat.path("name").asText());
      assertEquals("[\"element-web\",\"hydrogen\"]", chat.at("/roles/alice/types").toString());
      assertEquals(List.of("send", "receive"), texts(chat.path("steps"), "id"));
      assertEquals(2, chat.at("/counts/waiting").asInt());
      assertEquals(0, chat.at("/counts/passed").asInt());
      assertTrue(chat.path("edges").toString().contains("{\"from\":\"receive\",\"to\":\"failed\",\"label\":\"bob: missing\"}"),
          chat.path("edges").toString());
    }
  }

  @Test
  void a_case_carries_its_timeline_and_outcome() throws Exception {
    try (StatusServer server = new StatusServer()) {
      server.coordinator.add(Fixtures.chat());
      register(server.coordinator, "a1", registration("element-web", "1.11"));
      register(server.coordinator, "b1", registration("element-web", "1.11"));
      act(server.coordinator, "a1", "sent");
      act(server.coordinator, "b1", "received");

      JsonNode kase = json(server.get("/api/cases/" + Links.segment("chat[element-web, element-web]")));
      assertEquals("passed", kase.path("state").asText());
      assertEquals(List.of("send", "receive"), texts(kase.path("visited_steps"), null));
      assertEquals("a1", kase.at("/members/alice/uuid").asText());
      List<String> kinds = texts(kase.path("timeline"), "kind");
      assertEquals(List.of("started", "step", "action", "answer", "step", "action", "answer", "ended"), kinds);
      JsonNode answer = kase.path("timeline").get(3);
      assertEquals("alice", answer.path("role").asText());
      assertEquals("sent", answer.path("name").asText(), "the answer word");
      assertTrue(kase.path("duration_ms").isNumber());
    }
  }

  @Test
  void the_case_list_leaves_timelines_out_unless_asked_and_filters_by_scenario() throws Exception {
    try (StatusServer server = new StatusServer()) {
      server.coordinator.add(Fixtures.chat());
      JsonNode list = json(server.get("/api/cases"));
      assertEquals(2, list.path("cases").size());
      assertFalse(list.path("cases").get(0).has("timeline"));
      assertTrue(list.path("cases").get(0).path("summary").asText().startsWith("waits: "),
          "a waiting case says why: " + list.path("cases").get(0).path("summary"));
      assertTrue(json(server.get("/api/cases?timeline=true")).path("cases").get(0).has("timeline"));
      assertEquals(0, json(server.get("/api/cases?scenario=other")).path("cases").size());
    }
  }

  @Test
  void clients_show_registration_state_and_current_action() throws Exception {
    try (StatusServer server = new StatusServer()) {
      server.coordinator.add(Fixtures.chat());
      register(server.coordinator, "a1", registration("element-web", "1.11").put("device", "pixel"));
      register(server.coordinator, "b1", registration("element-web", "1.12"));
      JsonNode clients = json(server.get("/api/clients")).path("clients");
      assertEquals(List.of("a1", "b1"), texts(clients, "uuid"));
      JsonNode alice = clients.get(0);
      assertEquals("in_case", alice.path("state").asText());
      assertEquals("alice", alice.path("role").asText());
      assertEquals("send_message", alice.path("current_action").asText());
      assertEquals("pixel", alice.at("/registration/device").asText());
      assertEquals("1.11", alice.path("version").asText());
      assertEquals("http", json(server.get("/api/clients/b1")).path("transport").asText());
    }
  }

  @Test
  void an_unknown_case_or_client_is_a_404_with_a_json_reason() throws Exception {
    try (StatusServer server = new StatusServer()) {
      HttpResponse<String> kase = server.get("/api/cases/nothing");
      assertEquals(404, kase.statusCode());
      assertEquals("no case with id 'nothing'", json(kase).path("error").asText());
      HttpResponse<String> client = server.get("/api/clients/nobody");
      assertEquals(404, client.statusCode());
      assertTrue(json(client).path("error").asText().contains("nobody"));
    }
  }

  static JsonNode json(HttpResponse<String> response) {
    assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"),
        "JSON content type: " + response.headers().map());
    return Json.parse(response.body());
  }

  private static List<String> texts(JsonNode array, String field) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(field == null ? n.asText() : n.path(field).asText()));
    return out;
  }
}
