package dev.trafficlight.status;

import static dev.trafficlight.status.Fixtures.register;
import static dev.trafficlight.status.Fixtures.registration;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trafficlight.core.scenario.Scenario;
import dev.trafficlight.core.Json;
import org.junit.jupiter.api.Test;

/** The overview stays small however much there is: scenarios by the page, cases and clients capped. */
class OverviewPagingTest {

  private static Scenario solo(String name) {
    return Scenario.builder(name).role("solo", "element-web").step("only", "solo", "reload", null).build();
  }

  private static int count(String html, String needle) {
    return html.split(java.util.regex.Pattern.quote(needle), -1).length - 1;
  }

  @Test
  void scenarios_come_twenty_to_a_page_with_a_pager_and_counts_of_everything() throws Exception {
    try (StatusServer server = new StatusServer()) {
      for (int i = 0; i < 45; i++) server.coordinator.add(solo(String.format("s%02d", i)));
      String first = server.get("/status").body();
      assertEquals(20, count(first, "<section class=\"scenario\""));
      assertTrue(first.contains("Scenarios 1–20 of 45"), "the pager says where this page stands");
      assertTrue(first.contains("href=\"/status?page=2\">next →</a>"));
      assertTrue(first.contains("data-state=\"waiting\"><b>45</b> waiting"), "counts are of every case, not this page's");
      String last = server.get("/status?page=3").body();
      assertEquals(5, count(last, "<section class=\"scenario\""));
      assertTrue(last.contains("data-scenario=\"s44\""));
      assertFalse(last.contains("next →"));
      assertEquals(200, server.get("/status?page=banana").statusCode(), "a nonsense page is the first");
    }
  }

  @Test
  void the_clients_table_shows_the_busiest_hundred_and_says_how_many_more_there_are() throws Exception {
    try (StatusServer server = new StatusServer()) {
      for (int i = 0; i < 130; i++) register(server.coordinator, "c" + i, registration("hydrogen", "1"));
      String html = server.get("/status").body();
      assertEquals(100, count(html, "<tr data-client="));
      assertTrue(html.contains("30 more clients, idle or exited"), html.length() + " chars");
      var api = Json.parse(server.get("/api/clients?limit=100").body());
      assertEquals(100, api.path("clients").size());
      assertEquals(130, api.path("total").asInt());
    }
  }

  @Test
  void a_page_of_a_thousand_cases_stays_under_200_kilobytes() throws Exception {
    try (StatusServer server = new StatusServer()) {
      for (int i = 0; i < 1000; i++) server.coordinator.add(solo(String.format("case%04d", i)));
      for (int i = 0; i < 300; i++) register(server.coordinator, "c" + i, registration("element-web", "1"));
      String html = server.get("/status").body();
      assertTrue(html.length() < 200_000, html.length() + " bytes");
    }
  }
}
