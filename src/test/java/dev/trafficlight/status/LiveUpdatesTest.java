package dev.trafficlight.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LiveUpdatesTest {

  @Test
  void an_open_page_hears_a_change_event_when_a_client_registers() throws Exception {
    try (StatusServer server = new StatusServer()) {
      HttpResponse<InputStream> response = server.http.send(
          HttpRequest.newBuilder(URI.create(server.base() + "/status/events")).header("Accept", "text/event-stream")
              .timeout(Duration.ofSeconds(10)).build(),
          HttpResponse.BodyHandlers.ofInputStream());
      assertEquals(200, response.statusCode());
      assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"), response.headers().map().toString());
      try (BufferedReader events = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
        assertEquals("event: change", readEvent(events), "the current version on connecting");
        Fixtures.register(server.coordinator, "a1", Fixtures.registration("element-web", "1.0"));
        CompletableFuture<String> next = CompletableFuture.supplyAsync(() -> readEvent(events));
        String event = next.get(5, TimeUnit.SECONDS);
        assertEquals("event: change", event);
      }
    }
  }

  /** The event line of the next event, skipping its data and any keep-alive comment. */
  private static String readEvent(BufferedReader events) {
    try {
      String line;
      while ((line = events.readLine()) != null) {
        if (line.startsWith("event: ")) {
          String data = events.readLine();
          if (!data.startsWith("data: {\"version\":")) throw new AssertionError("unexpected data " + data);
          return line;
        }
      }
      throw new AssertionError("the stream ended");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
