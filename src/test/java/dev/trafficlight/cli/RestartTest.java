package dev.trafficlight.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trafficlight.core.Json;
import dev.trafficlight.testing.Conditions;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve} killed for real ({@code kill -9}) and started again on the same {@code --data}:
 * what finished is still there, what ran is interrupted at its step, known clients keep polling
 * with their tokens, and {@code --rerun-interrupted} runs the interrupted case again.
 */
class RestartTest {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @TempDir
  Path dir;
  private final List<Process> started = new ArrayList<>();
  private int port;

  /** A client as the example adapters are: it sends the token its registration returned. */
  private final class Client {
    final String uuid;
    String token;

    Client(String uuid) {
      this.uuid = uuid;
    }

    void register(String type) throws Exception {
      HttpResponse<String> r = send("POST", "register", "{\"type\": \"" + type + "\", \"version\": \"1\"}", true);
      assertEquals(200, r.statusCode(), r.body());
      token = Json.parse(r.body()).path("token").asText();
    }

    JsonNode poll() throws Exception {
      HttpResponse<String> r = send("GET", "poll?timeout=3000", null, true);
      assertEquals(200, r.statusCode(), r.body());
      return Json.parse(r.body());
    }

    void respond() throws Exception {
      assertEquals(200, send("POST", "respond", "{\"response\": \"done\"}", true).statusCode());
    }

    HttpResponse<String> send(String method, String path, String json, boolean withToken) throws Exception {
      HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url() + "/client/" + uuid + "/" + path))
          .timeout(Duration.ofSeconds(30));
      if (withToken && token != null) b.header("X-Trafficlight-Token", token);
      if (json != null) b.header("Content-Type", "application/json");
      b.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
      return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    void upload(String name, String content) throws Exception {
      String boundary = "----restart" + System.nanoTime();
      String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name
          + "\"\r\nContent-Type: text/plain\r\n\r\n" + content + "\r\n--" + boundary + "--\r\n";
      HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url() + "/client/" + uuid + "/upload"))
          .header("X-Trafficlight-Token", token).header("Content-Type", "multipart/form-data; boundary=" + boundary)
          .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(200, r.statusCode(), r.body());
    }
  }

  private String url() {
    return "http://127.0.0.1:" + port;
  }

  private Process serve(String... extra) throws Exception {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "dev.trafficlight.cli.Main", "serve", "--port", String.valueOf(port),
        "--scenarios", dir.resolve("scenarios").toString(), "--data", dir.resolve("data").toString()));
    command.addAll(List.of(extra));
    Process p = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("serve.log").toFile())).start();
    started.add(p);
    Conditions.await(() -> {
      if (!p.isAlive()) throw new AssertionError("serve ended: " + serveLog());
      return answers("/api/cases");
    }, Duration.ofSeconds(60), "serve answers on port " + port);
    return p;
  }

  private String serveLog() {
    try {
      return Files.readString(dir.resolve("serve.log"));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  private boolean answers(String path) {
    try {
      return get(path).statusCode() == 200;
    } catch (IOException | InterruptedException notYet) {
      return false;
    }
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return HTTP.send(HttpRequest.newBuilder(URI.create(url() + path)).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private JsonNode kase(String scenario) throws Exception {
    for (JsonNode c : Json.parse(get("/api/cases").body()).path("cases")) {
      if (c.path("scenario").asText().equals(scenario)) return c;
    }
    throw new AssertionError("no case of " + scenario);
  }

  private static void kill9(Process p) throws InterruptedException {
    p.destroyForcibly();
    assertTrue(p.waitFor(20, TimeUnit.SECONDS), "the process dies");
  }

  @AfterEach
  void stop() {
    started.forEach(Process::destroyForcibly);
  }

  @Test
  void after_kill_9_results_clients_and_tokens_come_back_and_the_interrupted_case_can_run_again() throws Exception {
    Path scenarios = Files.createDirectories(dir.resolve("scenarios"));
    Files.writeString(scenarios.resolve("quick.yaml"), "roles: {alice: element-web}\nsteps: [{name: reload, do: {alice: reload}}]\n");
    Files.writeString(scenarios.resolve("long.yaml"), "roles: {bob: hydrogen-web}\n"
        + "steps: [{name: first, do: {bob: reload}}, {name: second, do: {bob: logout}}]\n");
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }

    Process first = serve();
    IOException inUse = assertThrows(IOException.class, () -> dev.trafficlight.store.JournalStore.open(dir.resolve("data")),
        "a second coordinator on the same --data would cut the first one's journal off");
    assertTrue(inUse.getMessage().contains("in use by another coordinator"), inUse.getMessage());
    Client alice = new Client("alice-1");
    alice.register("element-web");
    assertEquals("reload", alice.poll().path("action").asText());
    alice.upload("alice.log", "what alice saw");
    alice.respond();
    assertEquals("exit", alice.poll().path("action").asText(), "the quick case passed");
    Client bob = new Client("bob-1");
    bob.register("hydrogen-web");
    assertEquals("reload", bob.poll().path("action").asText());
    bob.respond();
    assertEquals("logout", bob.poll().path("action").asText(), "bob is at the second step, and does not answer");
    assertEquals("running", kase("long").path("state").asText());
    kill9(first);

    Process second = serve();
    JsonNode quick = kase("quick");
    assertEquals("passed", quick.path("state").asText(), quick.toString());
    assertEquals("alice.log", quick.path("artifacts").path(0).path("name").asText(), "its files are listed: " + quick);
    assertEquals("what alice saw", get(quick.path("artifacts").path(0).path("url").asText()).body());
    JsonNode interrupted = kase("long");
    assertEquals("interrupted", interrupted.path("state").asText(), interrupted.toString());
    assertEquals("second", interrupted.path("current_step").asText());
    String page = get("/status").body();
    assertTrue(page.contains("state-interrupted"), "the status page shows the interrupted case: " + page);
    HttpResponse<String> casePage = get(interrupted.path("url").asText());
    assertEquals(200, casePage.statusCode());
    assertTrue(casePage.body().contains("at step &#39;second&#39;") || casePage.body().contains("at step 'second'"), casePage.body());
    String junit = get("/status/junit.xml").body();
    assertTrue(junit.matches("(?s).*<testcase name=\"quick\\[element-web]\"[^>]*>\\s*<system-out>.*"), "quick passed: " + junit);
    assertTrue(junit.matches("(?s).*<testcase name=\"long\\[hydrogen-web]\"[^>]*>\\s*<error message=\"interrupted: .*"),
        "long is an error, interrupted: " + junit);

    assertEquals("idle", bob.poll().path("action").asText(), "a known client is neither told to exit nor refused");
    assertEquals(401, bob.send("GET", "poll?timeout=0", null, false).statusCode(), "its token is still asked for");
    Client impostor = new Client("bob-1");
    impostor.token = "not-bobs-token";
    assertEquals(403, impostor.send("GET", "poll?timeout=0", null, true).statusCode(), "and still checked");
    assertEquals("exit", alice.poll().path("action").asText(), "the finished case's client still hears its exit");
    kill9(second);

    serve("--rerun-interrupted");
    assertEquals("passed", kase("quick").path("state").asText(), "a passed case is never run again");
    assertEquals("reload", bob.poll().path("action").asText(), "the interrupted case runs again from its start, with bob");
    bob.respond();
    assertEquals("logout", bob.poll().path("action").asText());
    bob.respond();
    assertEquals("exit", bob.poll().path("action").asText());
    assertEquals("passed", kase("long").path("state").asText());
  }
}
