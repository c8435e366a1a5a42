package dev.trafficlight.servers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trafficlight.core.Json;
import dev.trafficlight.core.servers.ProvidedServers;
import dev.trafficlight.core.servers.ServerProviderException;
import dev.trafficlight.core.servers.ServerRequest;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.HttpUrl;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The homerunner provider speaks homerunner's /create and /destroy, and says clearly what went wrong. */
class HomerunnerProviderTest {
  static final String CREATED = """
      {"homeservers": {
        "hs1": {"BaseURL": "http://localhost:32829", "FedBaseURL": "https://localhost:32828", "ContainerID": "980cb5"},
        "hs2": {"BaseURL": "http://localhost:32827", "FedBaseURL": "https://localhost:32826", "ContainerID": "d92613"}},
       "expires": "2026-01-01T00:30:00Z"}
      """;
  private final MockWebServer homerunner = new MockWebServer();
  private final ServerRequest pair = new ServerRequest("federation[element-web, hydrogen-web | synapse, dendrite]", "k3y5tok3",
      List.of(new ServerRequest.Wanted("alice_server", "synapse"), new ServerRequest.Wanted("bob_server", "dendrite")));

  static HomerunnerProvider provider(HttpUrl url) {
    return new HomerunnerProvider(url, Map.of("synapse", "complement-synapse:latest", "dendrite", "complement-dendrite:latest"),
        Duration.ofSeconds(10), Duration.ofSeconds(10));
  }

  @AfterEach
  void stop() throws IOException {
    homerunner.shutdown();
  }

  @Test
  void create_asks_for_one_blueprint_holding_every_server_of_the_case() throws Exception {
    homerunner.enqueue(new MockResponse().setBody(CREATED));
    ProvidedServers made = provider(homerunner.url("/")).provide(pair);

    RecordedRequest create = homerunner.takeRequest(5, TimeUnit.SECONDS);
    assertEquals("POST", create.getMethod());
    assertEquals("/create", create.getPath());
    JsonNode body = Json.parse(create.getBody().readUtf8());
    assertEquals("complement-synapse:latest", body.path("base_image_uri").asText());
    assertEquals("trafficlight-federation-element-web-hydrogen-web-syna-k3y5tok3", body.path("blueprint").path("Name").asText());
    assertEquals(Json.parse("""
        [{"Name": "hs1", "BaseImageURI": "complement-synapse:latest", "Users": [], "Rooms": []},
         {"Name": "hs2", "BaseImageURI": "complement-dendrite:latest", "Users": [], "Rooms": []}]
        """), body.path("blueprint").path("Homeservers"));

    assertEquals(Json.parse("""
        {"server_name": "hs1", "cs_api": "http://localhost:32829", "type": "synapse", "image": "complement-synapse:latest",
         "fed_api": "https://localhost:32828", "container_id": "980cb5"}
        """), made.servers().get("alice_server"));
    assertEquals("http://localhost:32827", made.servers().get("bob_server").path("cs_api").asText());
    assertNull(made.problem(pair));
  }

  @Test
  void release_destroys_the_blueprint_by_name_even_when_create_never_answered() throws Exception {
    homerunner.enqueue(new MockResponse().setBody("{}"));
    provider(homerunner.url("/")).release(pair, null);
    RecordedRequest destroy = homerunner.takeRequest(5, TimeUnit.SECONDS);
    assertEquals("/destroy", destroy.getPath());
    assertEquals(Json.parse("{\"blueprint_name\": \"trafficlight-federation-element-web-hydrogen-web-syna-k3y5tok3\"}"),
        Json.parse(destroy.getBody().readUtf8()));
  }

  @Test
  void an_error_reply_is_reported_with_its_status_and_text() {
    homerunner.enqueue(new MockResponse().setResponseCode(500).setBody("failed to deploy: image complement-dendrite:latest not found"));
    ServerProviderException e = assertThrows(ServerProviderException.class, () -> provider(homerunner.url("/")).provide(pair));
    assertEquals("homerunner at " + homerunner.url("/") + " answered 500 to /create: failed to deploy: image "
        + "complement-dendrite:latest not found", e.getMessage());
  }

  @Test
  void a_reply_that_is_not_json_or_lacks_a_server_is_reported() {
    homerunner.enqueue(new MockResponse().setBody("<html>proxy error</html>"));
    homerunner.enqueue(new MockResponse().setBody("{\"homeservers\": {\"hs1\": {\"BaseURL\": \"http://localhost:1\"}}}"));
    HomerunnerProvider provider = provider(homerunner.url("/"));
    assertEquals("homerunner's reply to /create is not JSON: <html>proxy error</html>",
        assertThrows(ServerProviderException.class, () -> provider.provide(pair)).getMessage());
    assertTrue(assertThrows(ServerProviderException.class, () -> provider.provide(pair)).getMessage()
        .startsWith("homerunner's reply to /create has no BaseURL for hs2"));
  }

  @Test
  void an_unreachable_homerunner_is_reported() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    HttpUrl nowhere = HttpUrl.parse("http://127.0.0.1:" + closedPort + "/");
    String message = assertThrows(ServerProviderException.class, () -> provider(nowhere).provide(pair)).getMessage();
    assertTrue(message.startsWith("cannot reach homerunner at " + nowhere + " for /create: java.net.ConnectException"), message);
  }

  @Test
  void a_type_without_an_image_is_refused_up_front() {
    HomerunnerProvider provider = provider(homerunner.url("/"));
    assertEquals("homerunner has no image for server type 'conduit'; the configuration's servers.homerunner.images lists "
        + "[dendrite, synapse]", provider.refuses("conduit").orElseThrow());
    assertTrue(provider.refuses("synapse").isEmpty());
    assertTrue(provider.refuses(null).orElseThrow().contains("servers.default_type"));
  }
}
