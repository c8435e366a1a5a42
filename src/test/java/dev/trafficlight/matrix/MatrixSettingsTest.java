package dev.trafficlight.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The {@code matrix:} section of the configuration file. */
class MatrixSettingsTest {
  private static JsonNode yaml(String text) throws Exception {
    return new ObjectMapper(new YAMLFactory()).readTree(text).path("matrix");
  }

  @Test
  void a_full_section_reads_with_its_overrides() throws Exception {
    MatrixSettings s = MatrixSettings.from(yaml("""
        matrix:
          homeserver: http://127.0.0.1:8008
          user_id: "@trafficlight:localhost"
          password: hunter2
          allowed_inviters: ["@ci:localhost", "*:test.example"]
          sync_timeout: 10s
          events:
            action: org.poly.command
          fields:
            action_id: id
        """));

    assertEquals("http://127.0.0.1:8008", s.homeserver());
    assertNull(s.accessToken());
    assertEquals("hunter2", s.password());
    assertEquals(MatrixSettings.ActionEvents.ONE, s.actionEvents());
    assertEquals(Duration.ofSeconds(10), s.syncTimeout());
    assertEquals("org.poly.command", s.names().actionType());
    assertEquals("dev.trafficlight.answer", s.names().answerType());
    assertEquals("id", s.names().actionIdField());
    assertEquals("trafficlight", s.localpart());
  }

  @Test
  void inviters_match_by_id_or_by_server() throws Exception {
    MatrixSettings s = MatrixSettings.from(yaml("""
        matrix: {homeserver: "http://hs", user_id: "@tl:hs", access_token: t,
                 allowed_inviters: ["@ci:localhost", "*:test.example"]}
        """));

    assertTrue(s.allows("@ci:localhost"));
    assertTrue(s.allows("@anyone:test.example"));
    assertFalse(s.allows("@ci:localhost.evil"));
    assertFalse(s.allows("@x:eviltest.example"));
    assertFalse(s.allows("@other:localhost"));
  }

  @Test
  void nobody_may_invite_when_no_inviter_is_listed() throws Exception {
    MatrixSettings s = MatrixSettings.from(yaml("matrix: {homeserver: 'http://hs', user_id: '@tl:hs', access_token: t}"));

    assertFalse(s.allows("@ci:hs"));
  }

  @Test
  void an_unknown_key_is_named() {
    var e = assertThrows(IllegalArgumentException.class, () -> MatrixSettings.from(yaml(
        "matrix: {homeserver: 'http://hs', user_id: '@tl:hs', access_token: t, allowed_invitors: []}")));

    assertTrue(e.getMessage().contains("matrix.allowed_invitors"), e.getMessage());
  }

  @Test
  void missing_credentials_and_bad_values_are_named() {
    var noCredentials = assertThrows(IllegalArgumentException.class,
        () -> MatrixSettings.from(yaml("matrix: {homeserver: 'http://hs', user_id: '@tl:hs'}")));
    var badUser = assertThrows(IllegalArgumentException.class,
        () -> MatrixSettings.from(yaml("matrix: {homeserver: 'http://hs', user_id: 'tl', password: p}")));
    var badDuration = assertThrows(IllegalArgumentException.class, () -> MatrixSettings.from(yaml(
        "matrix: {homeserver: 'http://hs', user_id: '@tl:hs', password: p, sync_timeout: soon}")));

    assertTrue(noCredentials.getMessage().contains("access_token"), noCredentials.getMessage());
    assertTrue(badUser.getMessage().contains("user_id"), badUser.getMessage());
    assertTrue(badDuration.getMessage().contains("matrix.sync_timeout"), badDuration.getMessage());
  }

  @Test
  void the_two_event_form_is_an_option_and_keys_of_earlier_versions_still_load() throws Exception {
    MatrixSettings s = MatrixSettings.from(yaml(
        "matrix: {homeserver: 'http://hs', user_id: '@tl:hs', access_token: t, action_events: two, liveness: 3m, poll_wait: 30s}"));

    assertEquals(MatrixSettings.ActionEvents.TWO, s.actionEvents());
  }

  @Test
  void the_default_event_limit_lies_below_the_homeservers_own_so_the_refusal_can_happen() throws Exception {
    MatrixSettings s = MatrixSettings.from(yaml("matrix: {homeserver: 'http://hs', user_id: '@tl:hs', access_token: t}"));

    assertTrue(s.maxEventBytes() < FakeHomeserver.MAX_EVENT_BYTES - 1024, "max_event_bytes " + s.maxEventBytes());
  }
}
