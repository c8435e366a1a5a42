package dev.trafficlight.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.trafficlight.core.Json;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LoadSheddingTest {
  @Test
  void past_the_limit_of_waiting_requests_each_is_answered_503_with_retry_after_until_the_queue_drains() throws Exception {
    AtomicInteger waiting = new AtomicInteger();
    Javalin app = Javalin.create(c -> c.showJavalinBanner = false).get("/client/a/poll", ctx -> ctx.result("{}"));
    app.events(e -> e.serverStarting(() -> app.jettyServer().server().insertHandler(new LoadShedding(waiting::get, 10))));
    app.start("127.0.0.1", 0);
    try {
      HttpClient http = HttpClient.newHttpClient();
      HttpRequest poll = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/client/a/poll")).build();
      waiting.set(10);
      assertEquals(200, http.send(poll, HttpResponse.BodyHandlers.ofString()).statusCode(), "at the limit, still served");

      waiting.set(11);
      HttpResponse<String> refused = http.send(poll, HttpResponse.BodyHandlers.ofString());
      assertEquals(503, refused.statusCode());
      assertEquals(String.valueOf(LoadShedding.RETRY_AFTER_SECONDS), refused.headers().firstValue("Retry-After").orElse(""));
      assertEquals("overloaded", Json.parse(refused.body()).path("code").asText());

      waiting.set(0);
      assertEquals(200, http.send(poll, HttpResponse.BodyHandlers.ofString()).statusCode(), "served again once it drains");
    } finally {
      app.stop();
    }
  }
}
