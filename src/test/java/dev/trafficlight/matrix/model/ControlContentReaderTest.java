package dev.trafficlight.matrix.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trafficlight.core.Json;
import org.junit.jupiter.api.Test;

/** How drivers' events read: structured events for programs, plain text for people. */
class ControlContentReaderTest {
  private final ControlContentReader reader = new ControlContentReader(EventNames.defaults());

  private static RoomEvent event(String type, ObjectNode content) {
    return new RoomEvent("$e", type, "@alice:hs", null, content);
  }

  private static ObjectNode replyText(String body) {
    ObjectNode content = Json.object().put("msgtype", "m.text").put("body", body);
    content.putObject("m.relates_to").putObject("m.in_reply_to").put("event_id", "$action");
    return content;
  }

  @Test
  void a_registration_event_names_its_uuid_apart_from_the_registration() {
    var content = Json.object().put("type", "element-web").put("version", "1.11").put("uuid", "u-1");

    var r = assertInstanceOf(ControlContent.Registration.class, reader.read(event("dev.trafficlight.register", content)));

    assertEquals("u-1", r.uuid());
    assertEquals(Json.object().put("type", "element-web").put("version", "1.11"), r.registration());
  }

  @Test
  void a_structured_answer_loses_its_relation_and_keeps_everything_else() {
    var content = Json.object().put("response", "got_timeline").put("action_id", "a1");
    content.putArray("timeline").add("hi");
    content.putObject("m.relates_to").putObject("m.in_reply_to").put("event_id", "$action");

    var a = assertInstanceOf(ControlContent.Answer.class, reader.read(event("dev.trafficlight.answer", content)));

    assertEquals("$action", a.inReplyTo());
    assertEquals("a1", a.actionId());
    assertEquals("got_timeline", a.answer().path("response").asText());
    assertEquals("hi", a.answer().path("timeline").get(0).asText());
    assertNull(a.answer().get("m.relates_to"));
  }

  @Test
  void a_plain_reply_answers_with_its_first_word_after_the_quoted_fallback() {
    var a = assertInstanceOf(ControlContent.Answer.class,
        reader.read(event("m.room.message", replyText("> <@tl:hs> ▶ open_room {\"name\":\"x\"}\n\nopened the room"))));

    assertEquals("$action", a.inReplyTo());
    assertEquals("opened", a.answer().path("response").asText());
    assertEquals("the room", a.answer().path("text").asText());
  }

  @Test
  void a_json_object_after_the_word_is_merged_into_the_answer() {
    var a = assertInstanceOf(ControlContent.Answer.class,
        reader.read(event("m.room.message", replyText("create_or_join {\"existing\": true}"))));

    assertEquals("create_or_join", a.answer().path("response").asText());
    assertEquals(true, a.answer().path("existing").asBoolean());
  }

  @Test
  void fail_and_error_replies_are_failures_of_their_kind() {
    var fail = assertInstanceOf(ControlContent.Failure.class, reader.read(event("m.room.message", replyText("fail: no such room"))));
    var error = assertInstanceOf(ControlContent.Failure.class, reader.read(event("m.room.message", replyText("Error: browser died"))));

    assertEquals("action", fail.error().path("error").path("type").asText());
    assertEquals("no such room", fail.error().path("error").path("details").asText());
    assertEquals("adapter", error.error().path("error").path("type").asText());
    assertEquals("browser died", error.error().path("error").path("details").asText());
  }

  @Test
  void typed_registration_text_registers_and_other_text_is_chat() {
    var r = assertInstanceOf(ControlContent.Registration.class, reader.read(event("m.room.message",
        Json.object().put("msgtype", "m.text").put("body", "register {\"type\": \"element-web\"}"))));
    var chat = reader.read(event("m.room.message", Json.object().put("msgtype", "m.text").put("body", "register me please")));

    assertEquals("element-web", r.registration().path("type").asText());
    assertNull(r.uuid());
    assertInstanceOf(ControlContent.Chat.class, chat);
  }

  @Test
  void a_shared_file_names_its_media_and_type() {
    var content = Json.object().put("msgtype", "m.image").put("body", "shot.png").put("url", "mxc://hs/1");
    content.putObject("info").put("mimetype", "image/png");

    var f = assertInstanceOf(ControlContent.FileShare.class, reader.read(event("m.room.message", content)));

    assertEquals("shot.png", f.name());
    assertEquals("mxc://hs/1", f.url());
    assertEquals("image/png", f.mimeType());
  }

  @Test
  void configured_names_match_another_drivers_format() {
    var names = new EventNames("org.poly.register", "org.poly.command", "org.poly.result", "org.poly.failure",
        "id", "command", "args", "client_id");
    var custom = new ControlContentReader(names);
    var content = Json.object().put("response", "ok").put("id", "c7");

    var a = assertInstanceOf(ControlContent.Answer.class, custom.read(event("org.poly.result", content)));
    var action = new ActionEventContent("c7", "send_message", Json.object().put("message", "hi"), "u1").oneEvent(names);

    assertEquals("c7", a.actionId());
    assertEquals("{\"id\":\"c7\",\"command\":\"send_message\",\"args\":{\"message\":\"hi\"},\"client_id\":\"u1\"}",
        action.get("org.poly.command").toString());
    assertInstanceOf(ControlContent.Unknown.class, custom.read(event("dev.trafficlight.answer", content)));
  }

  @Test
  void an_action_reads_for_people_as_a_marked_line() {
    assertEquals("▶ send_message {\"message\":\"hi\"}",
        new ActionEventContent("a", "send_message", Json.object().put("message", "hi"), "u1").textBody());
    assertEquals("▶ accept_invite", new ActionEventContent("a", "accept_invite", null, "u1").textBody());
  }

  @Test
  void one_action_message_is_readable_by_people_and_carries_the_fields_for_programs() {
    var message = new ActionEventContent("a1", "send_message", Json.object().put("message", "hi"), "u1")
        .oneEvent(EventNames.defaults());

    assertEquals("m.text", message.path("msgtype").asText());
    assertEquals("▶ send_message {\"message\":\"hi\"}", message.path("body").asText());
    assertEquals("{\"action_id\":\"a1\",\"action\":\"send_message\",\"data\":{\"message\":\"hi\"},\"uuid\":\"u1\"}",
        message.path("dev.trafficlight.action").toString());
  }

  @Test
  void an_exit_names_its_client_and_has_no_action_id() {
    var exit = new ActionEventContent(null, "exit", Json.object().put("reason", "case x passed"), "u1")
        .oneEvent(EventNames.defaults());

    assertEquals("u1", exit.path("dev.trafficlight.action").path("uuid").asText());
    assertFalse(exit.path("dev.trafficlight.action").has("action_id"));
  }

  @Test
  void an_error_event_may_name_its_action() {
    var content = Json.object().put("action_id", "a1");
    content.putObject("error").put("type", "adapter").put("details", "lost");

    var f = assertInstanceOf(ControlContent.Failure.class, reader.read(event("dev.trafficlight.error", content)));

    assertEquals("a1", f.actionId());
    assertFalse(f.error().has("action_id"));
  }

  @Test
  void a_file_without_a_url_reads_with_an_empty_url_and_filename_wins_over_the_caption() {
    var content = Json.object().put("msgtype", "m.file").put("body", "the recording").put("filename", "run.mp4");
    content.putObject("file").put("url", "mxc://hs/encrypted");

    var f = assertInstanceOf(ControlContent.FileShare.class, reader.read(event("m.room.message", content)));

    assertEquals("run.mp4", f.name());
    assertEquals("", f.url());
  }

  @Test
  void only_mxc_uris_are_media() {
    assertTrue(MxcUri.parse("mxc://fake.test/m12").isPresent());
    assertTrue(MxcUri.parse("https://evil.example/x").isEmpty());
    assertTrue(MxcUri.parse("mxc://fake.test/../etc").isEmpty());
    assertTrue(MxcUri.parse("mxc://fake.test").isEmpty());
    assertTrue(MxcUri.parse(null).isEmpty());
  }
}
