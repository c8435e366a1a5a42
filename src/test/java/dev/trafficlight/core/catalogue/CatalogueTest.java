package dev.trafficlight.core.catalogue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogueTest {
  /** Every action the existing adapters implement (../shared/adapters.md), and the Element Call ones the examples use. */
  private static final List<String> KNOWN = List.of("register", "login", "logout", "create_room", "create_dm", "invite_user",
      "accept_invite", "open_room", "send_message", "verify_message_in_timeline", "get_timeline",
      "change_room_history_visibility", "start_crosssign", "accept_crosssign", "verify_crosssign_emoji",
      "verify_trusted_device", "verify_last_message_is_trusted", "verify_last_message_is_utd", "enable_key_backup",
      "enable_dehydrated_device", "clear_idb_storage", "reload", "advance_clock", "wait",
      "proxyTo", "disableEndpoint", "enableEndpoint", "delayEndpoint", "undelayEndpoint", "waitUntilEndpointAccessed",
      "create_or_join", "get_call_data", "leave_call");

  @TempDir
  Path dir;

  @Test
  void the_built_in_catalogue_knows_every_action_the_adapters_implement() {
    Catalogue catalogue = Catalogue.builtIn();
    for (String name : KNOWN) assertTrue(catalogue.find(name).isPresent(), name + " is missing from the built-in catalogue");
    assertEquals(33, catalogue.actions().size());
    assertEquals(6, catalogue.aliasCount());
    assertEquals("proxy_to", catalogue.find("proxyTo").orElseThrow().name(), "the proxy's camelCase name is an alias");
  }

  @Test
  void every_built_in_action_says_what_it_does_and_follows_the_naming_guide() {
    for (ActionSpec a : Catalogue.builtIn().actions()) {
      assertTrue(NamingGuide.problems(a.name()).isEmpty(), a.name() + ": " + NamingGuide.problems(a.name()));
      assertTrue(!a.description().isBlank() && !a.description().contains("\n"), a.name());
      assertTrue(!a.answers().isEmpty(), a.name() + " says what it answers");
    }
  }

  @Test
  void the_naming_guide_catches_camel_case_and_names_without_a_verb_first() {
    assertEquals(List.of(), NamingGuide.problems("invite_user"));
    assertEquals(2, NamingGuide.problems("inviteUser").size(), "camelCase, and so no verb word first");
    assertTrue(NamingGuide.problems("user_invite").get(0).contains("does not start with a known verb"));
    assertTrue(NamingGuide.problems("Send_Message").get(0).contains("not snake_case"));
  }

  @Test
  void a_user_file_adds_actions_and_a_new_name_that_breaks_the_guide_is_a_warning_with_its_line() throws Exception {
    Path file = dir.resolve("lab.yaml");
    Files.writeString(file, """
        actions:
          share_screen:
            description: Share the screen in the current call.
            answers: [screen_shared]
          screenshareStart:
            description: The old name.
          send_message:
            description: Send a text message, our lab's way.
            data: {message: {type: string, required: true}, thread: {type: string}}
            answers: [sent]
        """);
    List<String> warnings = new ArrayList<>();
    Catalogue catalogue = Catalogue.load(List.of(file), warnings::add);
    assertTrue(catalogue.find("share_screen").isPresent());
    assertEquals(List.of("sent"), catalogue.find("send_message").orElseThrow().answers(), "a lab's entry replaces the built-in one");
    assertEquals(2, warnings.size(), warnings.toString());
    assertTrue(warnings.get(0).startsWith(file + ":5: warning: 'screenshareStart' is not snake_case"), warnings.toString());
    assertTrue(warnings.get(1).contains("'screenshareStart' does not start with a known verb"), warnings.toString());
    assertEquals(Catalogue.builtIn().actions().size() + 2, catalogue.actions().size());
  }

  @Test
  void a_bad_catalogue_file_is_an_error_naming_file_and_line() throws Exception {
    assertBad("actions:\n  wave:\n    description: Wave.\n    data: {hand: {type: str}}\n", ":4: a field's type is one of");
    assertBad("actions:\n  wave:\n    description: Wave.\n    data:\n      hand: {type: string, required: yes please}\n",
        ":5: 'required' is true or false");
    assertBad("actions:\n  wave:\n    answers: [waved]\n", ":2: action 'wave' needs a one-line 'description'");
    assertBad("actions:\n  wave:\n    description: Wave.\n    colour: red\n", ":4: unknown key 'colour' in a action");
    assertBad("actions:\n  wave_hand:\n    description: Wave.\n    aliases: [proxyTo]\n",
        ":2: alias 'proxyTo' of action 'wave_hand' is already the name or an alias of action 'proxy_to'");
    assertBad("actions: [wave]\n", ":1: a catalogue is a mapping with 'actions'");
    assertBad("actions:\n  wave: {description: a, description: b}\n", ":2: cannot be parsed: the key 'description' appears twice");
  }

  private void assertBad(String text, String expected) throws Exception {
    Path file = dir.resolve("bad.yaml");
    Files.writeString(file, text);
    CatalogueException e = assertThrows(CatalogueException.class, () -> Catalogue.load(List.of(file), w -> { }));
    assertTrue(e.getMessage().startsWith(file + expected), e.getMessage());
  }

  @Test
  void the_closest_known_name_is_found_by_edit_distance() {
    Catalogue catalogue = Catalogue.builtIn();
    assertEquals("send_message", catalogue.closest("send_mesage"));
    assertEquals("verify_message_in_timeline", catalogue.closest("verify_message_in_timline"));
    assertEquals("disable_endpoint", catalogue.closest("disable_endpoints"));
    assertEquals("proxy_to", catalogue.closest("proxy_too"));
    assertEquals(2, Closest.distance("kitten", "kittne"));
  }

  @Test
  void the_json_schema_has_one_draft_2020_12_schema_per_action_and_its_aliases_refer_to_it() {
    JsonNode schema = CatalogueSchema.render(Catalogue.builtIn());
    assertEquals("https://json-schema.org/draft/2020-12/schema", schema.path("$schema").asText());
    JsonNode register = schema.path("$defs").path("register");
    assertEquals("object", register.path("type").asText());
    assertEquals("string", register.path("properties").path("username").path("type").asText());
    assertTrue(register.path("required").toString().contains("\"password\""), register.toString());
    assertEquals("local", register.path("properties").path("homeserver_url").path("required").path(0).asText());
    assertEquals("integer", schema.path("$defs").path("wait_until_endpoint_accessed").path("properties").path("timeout")
        .path("type").asText());
    assertEquals("#/$defs/proxy_to", schema.path("$defs").path("proxyTo").path("$ref").asText());
    for (ActionSpec a : Catalogue.builtIn().actions()) assertTrue(schema.path("$defs").has(a.name()), a.name());
  }
}
