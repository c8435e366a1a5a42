package dev.trafficlight.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trafficlight.core.view.CaseState;
import dev.trafficlight.core.scenario.ScenarioReader;
import dev.trafficlight.server.ServerConfig;
import dev.trafficlight.testing.Adapter;
import dev.trafficlight.testing.RunningServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's configuration block works when pasted, with the example scenarios. */
class ReadmeConfigTest {
  @TempDir
  Path dir;

  @Test
  void the_config_block_loads_and_federation_gets_each_servers_docker_address() throws Exception {
    String readme = Files.readString(Path.of("README.md"));
    String section = readme.substring(readme.indexOf("## Configuration"));
    String block = section.substring(section.indexOf("```yaml\n") + 8, section.indexOf("```\n", section.indexOf("```yaml\n") + 8));
    Path file = Files.writeString(dir.resolve("trafficlight.yaml"), block);
    ServerConfig config = ServerConfig.read(file);

    try (RunningServer server = new RunningServer(config, List.of(ScenarioReader.read(Path.of("examples/scenarios/federation.yaml"))))) {
      Adapter alice = server.adapter("alice");
      Adapter bob = server.adapter("bob");
      alice.register("element-web", "1");
      bob.register("element-web", "1");
      JsonNode bobsRegister = bob.poll(5000).body();
      assertEquals("register", bobsRegister.path("action").asText(), bobsRegister.toString());
      assertEquals("http://10.0.2.2:8009", bobsRegister.path("data").path("homeserver_url").path("local_docker").asText());
      assertEquals("http://10.0.2.2:8008",
          alice.poll(5000).body().path("data").path("homeserver_url").path("local_docker").asText());
      assertEquals(CaseState.RUNNING, server.server.coordinator().caseView("federation[element-web, element-web | synapse, synapse]").orElseThrow().state());
    }
  }
}
