package dev.trafficlight.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trafficlight.core.Json;
import dev.trafficlight.testing.Conditions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** While {@code demo} serves, its status API shows cases played end to end by clients that drove through Matrix rooms. */
class DemoOverMatrixTest {
  private static final Pattern STATUS_PAGE = Pattern.compile("Status page: (http://\\S+)/status");
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir
  Path dir;

  @Test
  void a_case_played_by_a_matrix_client_and_an_http_client_passes() throws Exception {
    CliRun demo = new CliRun();
    Thread serving = new Thread(() -> demo.execute("demo", "--port", "0", "--pace", "0s", "--data", dir.toString()));
    serving.start();
    try {
      Conditions.await(() -> STATUS_PAGE.matcher(demo.out.toString()).find(), Duration.ofSeconds(30), "the demo's status page");
      Matcher page = STATUS_PAGE.matcher(demo.out.toString());
      assertTrue(page.find());
      String base = page.group(1);
      Conditions.await(() -> allEnded(get(base + "/api/cases").path("cases")), Duration.ofSeconds(90), "every case ended");

      Map<String, String> transportOf = new HashMap<>();
      get(base + "/api/clients").path("clients").forEach(c -> transportOf.put(c.path("uuid").asText(), c.path("transport").asText()));
      JsonNode mixed = mixedCase(base);
      assertEquals("passed", mixed.path("state").asText(), mixed.toString());
      assertEquals("http", transportOf.get(mixed.path("members").path("alice").path("uuid").asText()), "alice, element-web");
      assertEquals("matrix", transportOf.get(mixed.path("members").path("bob").path("uuid").asText()), "bob, hydrogen-web");
      List<String> bobsAnswers = StreamSupport.stream(mixed.path("timeline").spliterator(), false)
          .filter(e -> e.path("role").asText().equals("bob") && e.path("kind").asText().equals("answer"))
          .map(e -> e.path("name").asText()).toList();
      assertTrue(bobsAnswers.containsAll(List.of("registered", "done", "verified")), bobsAnswers.toString());
      String statusPage = text(base + "/status");
      assertTrue(statusPage.contains("<td>matrix</td>") && statusPage.contains("<td>http</td>"), "the page's clients show their transport");
      Conditions.await(() -> StreamSupport.stream(mixedCase(base).path("artifacts").spliterator(), false)
          .anyMatch(a -> a.path("name").asText().equals("simulated-hydrogen-web.log")), Duration.ofSeconds(10),
          "the Matrix client's log, shared as a file message after its exit, is stored with the case");
    } finally {
      serving.interrupt();
      serving.join(20_000);
    }
  }

  private static JsonNode mixedCase(String base) {
    return StreamSupport.stream(get(base + "/api/cases?timeline=true").path("cases").spliterator(), false)
        .filter(c -> c.path("id").asText().equals("history_visibility[element-web, hydrogen-web]")).findFirst().orElseThrow();
  }

  private static boolean allEnded(JsonNode cases) {
    List<String> states = StreamSupport.stream(cases.spliterator(), false).map(c -> c.path("state").asText()).toList();
    return states.size() == 19 && states.stream().allMatch(s -> List.of("passed", "failed", "error").contains(s));
  }

  private static JsonNode get(String url) {
    return Json.parse(text(url));
  }

  private static String text(String url) {
    try {
      HttpResponse<String> reply = HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(200, reply.statusCode(), url + ": " + reply.body());
      return reply.body();
    } catch (java.io.IOException | InterruptedException e) {
      throw new AssertionError(url + ": " + e, e);
    }
  }
}
