package dev.trafficlight.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trafficlight.core.Json;
import dev.trafficlight.core.catalogue.Catalogue;
import dev.trafficlight.core.engine.Coordinator;
import dev.trafficlight.core.engine.Settings;
import io.javalin.Javalin;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The status page's catalogue page, and its "why waiting" naming a missing action. */
class CatalogueViewTest {
  private static final String HOSTILE = "<script>alert('owned')</script>";

  @TempDir
  Path dir;

  @Test
  void the_actions_page_lists_every_action_with_its_data_and_answers_and_is_linked_from_the_nav() throws Exception {
    try (StatusServer server = new StatusServer()) {
      HttpResponse<String> response = server.get("/status/actions");
      assertEquals(200, response.statusCode());
      assertTrue(response.headers().firstValue("Content-Security-Policy").isPresent());
      String html = response.body();
      for (var action : Catalogue.builtIn().actions()) assertTrue(html.contains("id=\"action-" + action.name() + "\""), action.name());
      assertTrue(html.contains("<td><code>homeserver_url.local</code></td><td>string</td><td>yes</td>"), html);
      assertTrue(html.contains("<code>proxyToSet</code>") && html.contains("<dt class=\"muted\">Also called</dt><dd><code>proxyTo</code>"), html);
      assertTrue(server.get("/status").body().contains("<a href=\"/status/actions\">Actions</a>"), "linked from the nav");
    }
  }

  @Test
  void a_lab_catalogue_is_shown_escaped() throws Exception {
    Path lab = dir.resolve("lab.yaml");
    Files.writeString(lab, "actions:\n  wave_hand:\n    description: \"" + HOSTILE + "\"\n    answers: [\"" + HOSTILE + "\"]\n");
    Catalogue catalogue = Catalogue.load(List.of(lab), w -> { });
    Coordinator coordinator = new Coordinator(Settings.defaults(), Clock.systemUTC());
    Javalin app = Javalin.create(config -> config.showJavalinBanner = false);
    StatusPage.install(app, coordinator, Clock.systemUTC(), List::of, catalogue);
    try (StatusServer server = new StatusServer(coordinator, app)) {
      String html = server.get("/status/actions").body();
      assertTrue(html.contains("id=\"action-wave_hand\""), html);
      assertFalse(html.contains(HOSTILE), "nothing from a catalogue file runs");
      assertTrue(html.contains("&lt;script&gt;alert(&#39;owned&#39;)&lt;/script&gt;"), html);
    }
  }

  @Test
  void a_waiting_case_names_the_action_its_idle_clients_lack() throws Exception {
    try (StatusServer server = new StatusServer()) {
      server.coordinator.add(Fixtures.chat());
      var registration = Fixtures.registration("hydrogen", "0.4");
      registration.putArray("actions").add("nothing_useful");
      Fixtures.register(server.coordinator, "h", registration);
      String html = server.get("/status").body();
      assertTrue(html.contains("the idle client that meets it does not list action"), html);
      assertTrue(Json.parse(server.get("/api/cases").body()).toString().contains("does not list action"));
    }
  }
}
