package dev.trafficlight.servers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.trafficlight.core.engine.Services;
import dev.trafficlight.server.ServerConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The config's servers: section is read whole, and every mistake in it is named. */
class ServersConfigTest {
  private static ServersConfig parse(String yaml) throws Exception {
    return ServersConfig.parse(new YAMLMapper().readTree(yaml));
  }

  private static String problem(String yaml) {
    return assertThrows(IllegalArgumentException.class, () -> parse(yaml)).getMessage();
  }

  @Test
  void reads_a_homerunner_provider_with_its_images() throws Exception {
    ServersConfig c = parse("""
        provider: homerunner
        default_type: synapse
        parallel: 2
        homerunner: {url: "http://localhost:54321", images: {synapse: complement-synapse, dendrite: complement-dendrite}, timeout: 4m}
        """);
    assertEquals("homerunner", c.provider());
    assertEquals("synapse", c.defaultType());
    assertEquals(2, c.parallel());
    assertEquals("http://localhost:54321/", c.homerunner().toString());
    assertEquals(Map.of("synapse", "complement-synapse", "dendrite", "complement-dendrite"), c.images());
    assertEquals(Duration.ofMinutes(4), c.createTimeout());
    Services services = c.services(List.of());
    assertEquals("homerunner at http://localhost:54321/", services.servers().describe());
    assertEquals("", services.servers().refuses(null).orElse(""), "an untyped server is made as the default type");
  }

  @Test
  void reads_a_command_provider_as_a_line_or_a_list() throws Exception {
    ServersConfig line = parse("provider: command\ncommand: {start: ./start.sh synapse, stop: [./stop.sh]}\n");
    assertEquals(List.of("sh", "-c", "./start.sh synapse"), line.start());
    assertEquals(List.of("./stop.sh"), line.stop());
    assertEquals(Duration.ofMinutes(2), line.scriptTimeout());
  }

  @Test
  void no_section_means_the_fixed_homeservers() throws Exception {
    ServerConfig config = ServerConfig.parse(new YAMLMapper().readTree("timeouts: {prepare: 3m}\n"));
    assertEquals("static", config.servers().provider());
    assertEquals(Duration.ofMinutes(3), config.engine().prepareTimeout());
  }

  @Test
  void every_mistake_is_named() {
    assertEquals("servers.provider is static, homerunner or command, not 'docker'", problem("provider: docker\n"));
    assertEquals("unknown key 'image' in servers; expected one of [command, default_type, homerunner, parallel, provider]",
        problem("image: x\n"));
    assertEquals("servers.homerunner must be a mapping when servers.provider is homerunner", problem("provider: homerunner\n"));
    assertEquals("servers.homerunner.url is an http(s) URL, e.g. http://localhost:54321; got \"localhost\"",
        problem("provider: homerunner\nhomerunner: {url: localhost, images: {s: i}}\n"));
    assertEquals("servers.homerunner.images maps server types to Docker images, e.g. {synapse: complement-synapse}",
        problem("provider: homerunner\nhomerunner: {url: 'http://h'}\n"));
    assertEquals("servers.parallel is a whole number from 1 to 32, not 0", problem("parallel: 0\n"));
    assertEquals("servers.command.start is a command: a line for sh, or a list of words, e.g. [./start-synapse.sh]",
        problem("provider: command\ncommand: {stop: x}\n"));
    assertEquals("servers.command.timeout: 'soon' is not a duration; write e.g. 500ms, 30s, 3m or 1h",
        problem("provider: command\ncommand: {start: a, stop: b, timeout: soon}\n"));
  }
}
