package dev.trafficlight.core.catalogue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trafficlight.core.scenario.ScenarioException;
import dev.trafficlight.core.scenario.ScenarioReader;
import dev.trafficlight.core.scenario.ScenarioWarning;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** validate's rules: what the catalogue makes an error, what a warning, and what it leaves alone. */
class CatalogueCheckTest {
  private static final String HEAD = "name: t\nroles: {alice: element-web, proxy: network-proxy}\nservers: [hs]\nsteps:\n";
  private final List<ScenarioWarning> warnings = new ArrayList<>();

  private void read(String steps) {
    ScenarioReader.parse(HEAD + steps, "t.yaml", "t", false, new CatalogueCheck(Catalogue.builtIn()), warnings::add);
  }

  private String error(String steps) {
    return assertThrows(ScenarioException.class, () -> read(steps)).getMessage();
  }

  @Test
  void an_unknown_action_is_a_warning_naming_the_closest_known_one() {
    read("  - do: {alice: reload}\n  - do: {alice: {action: send_mesage, data: {message: hi}}}\n");
    assertEquals(1, warnings.size(), warnings.toString());
    assertEquals(6, warnings.get(0).line());
    assertTrue(warnings.get(0).toString().startsWith("t.yaml:6: warning: action 'send_mesage' is not in the action catalogue;"
        + " the closest known action is 'send_message'"), warnings.toString());
  }

  @Test
  void a_missing_required_data_field_is_an_error_with_its_line() {
    assertEquals("t.yaml:6: action 'send_message' needs data field 'message' (string)",
        error("  - do: {alice: reload}\n  - do: {alice: {action: send_message, data: {text: hi}}}\n"));
    assertEquals("t.yaml:5: action 'invite_user' needs data field 'userId' (string: the invitee's Matrix ID)",
        error("  - do: {alice: invite_user}\n"), "the short form has no data at all");
    assertTrue(error("  - do:\n      alice:\n        action: register\n        data:\n          username: u\n          password: p\n"
        + "          homeserver_url: {local_docker: x}\n").startsWith("t.yaml:11: action 'register' needs data field 'local'"),
        "a field inside an object is checked too");
  }

  @Test
  void a_literal_of_the_wrong_type_is_an_error_but_a_whole_reference_is_left_to_run_time() {
    assertTrue(error("  - do: {proxy: {action: waitUntilEndpointAccessed, data: {endpoint: /sync, timeout: \"30000\"}}}\n")
        .startsWith("t.yaml:5: data field 'timeout' of action 'waitUntilEndpointAccessed' is an integer, not \"30000\" (text)"));
    assertTrue(error("  - do: {alice: {action: send_message, data: {message: [hi]}}}\n")
        .contains("data field 'message' of action 'send_message' is a string, not [\"hi\"] (a list)"));
    assertTrue(error("  - do: {proxy: {action: waitUntilEndpointAccessed, data: {endpoint: /sync, timeout: \"${hs.t}0\"}}}\n")
        .contains("is an integer, but '${hs.t}0' is text with ${...} in it, which stays text"));
    read("  - do: {proxy: {action: waitUntilEndpointAccessed, data: {endpoint: \"${hs.sync}\", timeout: \"${hs.timeout}\"}}}\n"
        + "  - do: {alice: {action: register, data: \"${hs.login}\"}}\n");
    assertEquals(List.of(), warnings);
  }

  @Test
  void a_branch_or_expect_on_a_word_the_action_never_answers_is_a_warning() {
    read("  - name: b\n    do: {alice: {action: send_message, data: {message: hi}}}\n    on: {alice: {sent_ok: passed}}\n"
        + "  - do: {proxy: {action: proxyTo, data: {url: x}, expect: [proxy_set]}}\n    answers: strict\n");
    assertEquals(2, warnings.size(), warnings.toString());
    assertTrue(warnings.get(0).toString().startsWith("t.yaml:7: warning: step 'b' branches on alice answering 'sent_ok', but"
        + " the catalogue says 'send_message' never answers 'sent_ok'"), warnings.toString());
    assertEquals(8, warnings.get(1).line(), warnings.toString());
  }

  @Test
  void words_the_action_answers_aliases_and_error_raise_no_warning() {
    read("  - do: {proxy: {action: proxyTo, data: {url: x}}}\n    on: {proxy: {proxyToSet: next1, error: failed}}\n"
        + "  - name: next1\n    do: {alice: {action: send_message, data: {message: hi}}}\n    on: {alice: {message_sent: passed}}\n");
    assertEquals(List.of(), warnings);
  }

  @Test
  void a_lab_catalogue_makes_its_own_actions_known() throws Exception {
    Path file = Files.createTempFile("lab", ".yaml");
    Files.writeString(file, "actions:\n  share_screen:\n    description: Share the screen.\n    data: {quality: {type: integer, required: true}}\n");
    CatalogueCheck check = new CatalogueCheck(Catalogue.load(List.of(file), w -> { }));
    String text = HEAD + "  - do: {alice: {action: share_screen, data: {quality: high}}}\n";
    ScenarioException e = assertThrows(ScenarioException.class, () -> ScenarioReader.parse(text, "t.yaml", "t", false, check, warnings::add));
    assertTrue(e.getMessage().contains("data field 'quality' of action 'share_screen' is an integer"), e.getMessage());
    assertEquals(List.of(), warnings);
  }

  @Test
  void every_example_scenario_uses_only_catalogued_actions_as_the_catalogue_describes_them() throws Exception {
    CatalogueCheck check = new CatalogueCheck(Catalogue.builtIn());
    List<Path> folders = List.of(Path.of("examples/scenarios"), Path.of("examples/lab"), Path.of("src/main/resources/demo/scenarios"));
    int scenarios = 0;
    for (Path folder : folders) {
      scenarios += ScenarioReader.readEach(folder, check, e -> { throw e; }, warnings::add).size();
    }
    assertTrue(scenarios >= 7, "read " + scenarios);
    assertEquals(List.of(), warnings.stream().map(ScenarioWarning::toString).toList());
    try (Stream<Path> files = Files.list(Path.of("examples/scenarios"))) {
      assertTrue(files.count() >= 4);
    }
  }
}
