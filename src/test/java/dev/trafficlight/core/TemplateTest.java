package dev.trafficlight.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trafficlight.core.scenario.Template;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TemplateTest {
  private final JsonNode vars = Json.parse("""
      {"hs": {"server_name": "hs1", "cs_api": "http://hs1"}, "bob": {"user_id": "@b:hs1", "ids": [7, 8]},
       "url": {"local": "http://x"}}
      """);
  private final Template.Lookup lookup = ref -> Template.at(vars, ref.split("\\."), 0);

  @Test
  void references_are_spliced_into_text() {
    assertEquals("\"invite @b:hs1 on hs1\"",
        Template.resolve(Json.parse("\"invite ${bob.user_id} on ${ hs.server_name }\""), lookup).toString());
  }

  @Test
  void a_value_that_is_one_reference_keeps_its_json_type() {
    JsonNode out = Template.resolve(Json.parse("{\"homeserver_url\": \"${url}\", \"n\": \"${bob.ids.1}\", \"list\": [\"${hs.cs_api}\"]}"), lookup);
    assertEquals("{\"homeserver_url\":{\"local\":\"http://x\"},\"n\":8,\"list\":[\"http://hs1\"]}", out.toString());
  }

  @Test
  void a_doubled_dollar_writes_a_literal_reference() {
    assertEquals("\"keep ${this}\"", Template.resolve(Json.parse("\"keep $${this}\""), lookup).toString());
    assertEquals(Set.of(), Template.references("keep $${this}"));
  }

  @Test
  void an_undefined_reference_names_itself() {
    Template.UndefinedReference e = assertThrows(Template.UndefinedReference.class,
        () -> Template.resolve(Json.parse("\"${bob.room_id}\""), lookup));
    assertEquals("bob.room_id", e.reference());
    assertEquals(Optional.empty(), lookup.find("nothing.here"));
  }
}
