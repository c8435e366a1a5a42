package dev.trafficlight.status;

import dev.trafficlight.testing.Answers;
import static dev.trafficlight.status.Fixtures.act;
import static dev.trafficlight.status.Fixtures.poll;
import static dev.trafficlight.status.Fixtures.register;
import static dev.trafficlight.status.Fixtures.registration;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trafficlight.core.Json;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import dev.trafficlight.core.engine.Coordinator;
import dev.trafficlight.core.engine.Settings;
import io.javalin.Javalin;
import org.junit.jupiter.api.Test;

class StatusPageTest {
  private static final String HOSTILE = "<script>alert('owned')</script>";
  private static final String CASE = "chat[element-web, element-web]";

  @Test
  void the_root_redirects_to_the_status_page() throws Exception {
    try (StatusServer server = new StatusServer()) {
      HttpResponse<String> response = server.http.send(HttpRequest.newBuilder(URI.create(server.base() + "/")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(302, response.statusCode());
      assertEquals("/status", response.headers().firstValue("Location").orElse(""));
    }
  }

  @Test
  void the_overview_lists_every_case_with_counts_and_a_matrix_cell_per_case() throws Exception {
    try (StatusServer server = new StatusServer()) {
      server.coordinator.add(Fixtures.chat());
      register(server.coordinator, "a1", registration("element-web", "1.11"));
      register(server.coordinator, "b1", registration("element-web", "1.11"));
      act(server.coordinator, "a1", "sent");
      act(server.coordinator, "b1", "received");

      HttpResponse<String> response = server.get("/status");
      assertEquals(200, response.statusCode());
      assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
      assertTrue(response.headers().firstValue("Content-Security-Policy").orElse("").contains("script-src 'self'"));
      String html = response.body();
      assertTrue(html.contains("data-cell=\"chat[element-web, element-web]\" title="), "matrix cell for the passed case");
      assertTrue(html.contains("<td class=\"cell state-passed\" data-cell=\"chat[element-web, element-web]\""), html);
      assertTrue(html.contains("<td class=\"cell state-waiting\" data-cell=\"chat[hydrogen, element-web]\""), html);
      assertTrue(html.contains("<th class=\"corner\">alice ╲ bob</th>"), "rows are alice's types, columns bob's");
      assertTrue(html.contains("data-state=\"passed\"><b>1</b> passed"), "count of passed cases");
      assertTrue(html.contains("data-state=\"waiting\"><b>1</b> waiting"), "count of waiting cases");
    }
  }

  @Test
  void a_waiting_case_says_which_role_lacks_a_client_and_what_it_requires() throws Exception {
    try (StatusServer server = new StatusServer()) {
      server.coordinator.add(Fixtures.chat());
      String html = server.get("/status").body();
      assertTrue(html.contains("waits: "), html);
      assertTrue(html.contains("type=hydrogen"), "the requirement of the role that waits");
    }
  }

  @Test
  void the_clients_table_shows_fields_state_and_times() throws Exception {
    try (StatusServer server = new StatusServer()) {
      server.coordinator.add(Fixtures.chat());
      register(server.coordinator, "a1", registration("element-web", "1.11").put("device", "pixel"));
      register(server.coordinator, "b1", registration("element-web", "1.12"));
      poll(server.coordinator, "a1");
      String html = server.get("/status").body();
      assertTrue(html.contains("<tr data-client=\"a1\">"));
      assertTrue(html.contains("<b>device</b> pixel"), "other registration fields");
      assertTrue(html.contains("</a> as <b>alice</b>"), "in case X as role Y");
      assertTrue(html.contains(" s ago</time>"), "last poll as seconds ago");
      assertTrue(html.contains("<code>send_message</code>"), "current action");
    }
  }

  @Test
  void a_hostile_registration_field_is_shown_as_text() throws Exception {
    try (StatusServer server = new StatusServer()) {
      register(server.coordinator, HOSTILE, registration(HOSTILE, HOSTILE).put(HOSTILE, HOSTILE));
      String html = server.get("/status").body();
      assertFalse(html.contains("<script>alert"), "no client text becomes markup");
      assertTrue(html.contains("&lt;script&gt;alert(&#39;owned&#39;)&lt;/script&gt;"));
    }
  }

  @Test
  void a_case_page_draws_the_machine_marks_the_current_step_and_shows_the_timeline() throws Exception {
    try (StatusServer server = new StatusServer()) {
      server.coordinator.add(Fixtures.chat());
      register(server.coordinator, "a1", registration("element-web", "1.11"));
      register(server.coordinator, "b1", registration("element-web", "1.11"));
      act(server.coordinator, "a1", "sent");

      HttpResponse<String> response = server.get("/status/case/" + Links.segment(CASE));
      assertEquals(200, response.statusCode());
      String html = response.body();
      assertTrue(html.contains("<svg class=\"machine\""));
      assertTrue(html.contains("<g class=\"node visited\" data-step=\"send\">"), "a passed step is marked");
      assertTrue(html.contains("<g class=\"node visited current\" data-step=\"receive\">"), "the current step is marked");
      assertTrue(html.contains("data-step=\"failed\""), "the 'on' branch to failed is drawn");
      assertTrue(html.contains(">bob: missing</text>"), "the branch is labelled");
      assertTrue(html.contains("<th>coordinator</th><th>alice</th><th>bob</th>"), "one timeline column per role");
      assertTrue(html.contains("<b>send_message</b>"));
      assertTrue(html.contains("<b>sent</b>"), "answers show their word");
    }
  }

  @Test
  void a_failed_case_shows_the_clients_error_details_escaped() throws Exception {
    try (StatusServer server = new StatusServer()) {
      server.coordinator.add(Fixtures.chat());
      register(server.coordinator, "a1", registration("element-web", "1.11"));
      register(server.coordinator, "b1", registration("element-web", "1.11"));
      poll(server.coordinator, "a1");
      server.coordinator.fail("a1", null, Answers.failure(Json.parse("{\"error\":{\"type\":\"action\",\"details\":\"Timeout waiting for "
          + "<img src=x onerror=alert(1)>\\n  at page.click\",\"path\":\"/tmp/trace.zip\"}}")));

      String html = server.get("/status/case/" + Links.segment(CASE)).body();
      assertTrue(html.contains("badge state-failed"));
      assertTrue(html.contains("reported an action failure at step &#39;send&#39;"), "the reason");
      assertTrue(html.contains("Timeout waiting for &lt;img src=x onerror=alert(1)&gt;\n  at page.click"), "the details");
      assertTrue(html.contains("<dd>/tmp/trace.zip</dd>"), "the path");
      assertFalse(html.contains("<img src=x"));
      assertTrue(html.contains("<g class=\"node visited ended-failed\" data-step=\"send\">"), "where it ended");
    }
  }

  @Test
  void a_transport_notice_is_shown_on_the_overview_escaped() throws Exception {
    Coordinator coordinator = new Coordinator(Settings.defaults(), java.time.Clock.systemUTC());
    Javalin app = Javalin.create(config -> config.showJavalinBanner = false);
    StatusPage.install(app, coordinator, java.time.Clock.systemUTC(),
        () -> java.util.List.of(new Notice("matrix", "token_invalid: <b>M_UNKNOWN_TOKEN</b>")));
    try (StatusServer server = new StatusServer(coordinator, app)) {
      String html = server.get("/status").body();
      assertTrue(html.contains("<section class=\"notice\"><strong>matrix</strong> token_invalid: &lt;b&gt;M_UNKNOWN_TOKEN&lt;/b&gt;</section>"), html);
    }
  }

  @Test
  void the_junit_report_is_served_as_xml() throws Exception {
    try (StatusServer server = new StatusServer()) {
      server.coordinator.add(Fixtures.chat());
      HttpResponse<String> response = server.get("/status/junit.xml");
      assertEquals(200, response.statusCode());
      assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/xml"));
      assertTrue(response.body().contains("<testsuite name=\"chat\" id=\"0\" tests=\"2\""), response.body());
    }
  }

  @Test
  void an_unknown_case_page_is_a_404_page() throws Exception {
    try (StatusServer server = new StatusServer()) {
      HttpResponse<String> response = server.get("/status/case/" + Links.segment("<b>nothing</b>"));
      assertEquals(404, response.statusCode());
      assertTrue(response.body().contains("<code>&lt;b&gt;nothing&lt;/b&gt;</code>"));
    }
  }

  @Test
  void the_stylesheet_and_script_ship_in_the_jar_and_nothing_else_is_served_as_an_asset() throws Exception {
    try (StatusServer server = new StatusServer()) {
      HttpResponse<String> css = server.get("/status/assets/status.css");
      assertEquals(200, css.statusCode());
      assertTrue(css.headers().firstValue("Content-Type").orElse("").startsWith("text/css"));
      assertTrue(server.get("/status/assets/live.js").body().contains("EventSource"));
      assertTrue(server.get("/status/assets/overview.js").body().contains("/api/clients"));
      assertTrue(server.get("/status/assets/case.js").body().contains("data-api"));
      assertEquals(404, server.get("/status/assets/secrets.txt").statusCode());
      assertFalse(server.get("/status").body().matches("(?s).*(src|href)=\"(https?:)?//.*"), "no external requests");
    }
  }
}
