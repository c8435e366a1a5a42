package dev.trafficlight.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trafficlight.core.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code trafficlight catalogue}, and the catalogue's rules as validate, serve and run apply them. */
class CatalogueCommandTest {
  @TempDir
  Path dir;

  private final CliRun cli = new CliRun();

  @Test
  void catalogue_prints_markdown_with_the_naming_guide_and_every_action() {
    assertEquals(0, cli.execute("catalogue"));
    String md = cli.out.toString();
    assertTrue(md.startsWith("# Actions\n"), md);
    assertTrue(md.contains("## Naming new actions") && md.contains("**snake_case**") && md.contains("**Verb first**"), md);
    assertTrue(md.contains("\n## proxy_to\n") && md.contains("- also called: `proxyTo`"), md);
    assertTrue(md.contains("| `homeserver_url.local` | string | yes |"), md);
  }

  @Test
  void catalogue_prints_json_schema_when_asked() {
    assertEquals(0, cli.execute("catalogue", "--format", "json-schema"));
    JsonNode schema = Json.parse(cli.out.toString());
    assertEquals("https://json-schema.org/draft/2020-12/schema", schema.path("$schema").asText());
    assertEquals("string", schema.path("$defs").path("send_message").path("properties").path("message").path("type").asText());
  }

  @Test
  void the_committed_actions_md_is_what_the_catalogue_command_prints() throws Exception {
    assertEquals(0, cli.execute("catalogue"));
    assertEquals(cli.out.toString(), Files.readString(Path.of("transports/actions.md")),
        "transports/actions.md is out of date: regenerate it with "
            + "'mvn -q -DskipTests package && java -jar target/trafficlight.jar catalogue > transports/actions.md'");
  }

  @Test
  void the_transport_docs_link_to_the_actions() throws Exception {
    assertTrue(Files.readString(Path.of("transports/http.md")).contains("(actions.md)"));
    assertTrue(Files.readString(Path.of("transports/matrix.md")).contains("(actions.md)"));
  }

  @Test
  void validate_prints_no_catalogue_warning_for_the_examples() {
    assertEquals(0, cli.execute("validate", "examples/scenarios"));
    assertEquals("", cli.err.toString());
  }

  @Test
  void validate_warns_without_failing_and_fails_on_an_error() throws Exception {
    Files.writeString(dir.resolve("typo.yaml"), "roles: {a: element-web}\nsteps:\n  - do: {a: relaod}\n");
    assertEquals(0, cli.execute("validate", dir.toString()));
    assertTrue(cli.err.toString().contains("typo.yaml:3: warning: action 'relaod' is not in the action catalogue; the closest"
        + " known action is 'reload'"), cli.err.toString());
    Files.writeString(dir.resolve("missing.yaml"), "roles: {a: element-web}\nsteps:\n  - do: {a: send_message}\n");
    assertEquals(1, cli.execute("validate", dir.toString()));
    assertTrue(cli.err.toString().contains("missing.yaml:3: action 'send_message' needs data field 'message'"), cli.err.toString());
  }

  @Test
  void validate_takes_a_lab_catalogue_and_warns_of_its_names_that_break_the_guide() throws Exception {
    Path lab = dir.resolve("lab-actions.yaml");
    Files.writeString(lab, "actions:\n  shareScreen:\n    description: Share the screen.\n");
    Path scenario = dir.resolve("share.yaml");
    Files.writeString(scenario, "roles: {a: element-call}\nsteps:\n  - do: {a: shareScreen}\n");
    assertEquals(0, cli.execute("validate", "--catalogue", lab.toString(), scenario.toString()));
    assertTrue(cli.err.toString().contains("lab-actions.yaml:2: warning: 'shareScreen' is not snake_case"), cli.err.toString());
    assertTrue(!cli.err.toString().contains("not in the action catalogue"), cli.err.toString());
  }

  @Test
  void a_bad_catalogue_file_is_explained_without_a_stack_trace() throws Exception {
    Path lab = dir.resolve("bad-actions.yaml");
    Files.writeString(lab, "actions:\n  share_screen:\n    description: Share.\n    data: {quality: {type: percent}}\n");
    assertEquals(2, cli.execute("validate", "--catalogue", lab.toString(), "examples/scenarios"));
    assertTrue(cli.err.toString().contains("bad-actions.yaml:4: a field's type is one of"), cli.err.toString());
    assertTrue(!cli.err.toString().contains("\tat "), cli.err.toString());
  }

  @Test
  void run_reports_a_catalogue_error_on_load_as_validate_does() throws Exception {
    Files.writeString(dir.resolve("missing.yaml"), "roles: {a: element-web}\nsteps:\n  - do: {a: send_message}\n");
    assertEquals(2, cli.execute("run", "--scenarios", dir.toString(), "--port", "0", "--data", dir.resolve("data").toString()));
    assertTrue(cli.err.toString().contains("missing.yaml:3: action 'send_message' needs data field 'message'"), cli.err.toString());
  }
}
