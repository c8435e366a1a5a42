package dev.trafficlight.matrix.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trafficlight.core.Json;
import java.util.Locale;
import java.util.Set;

/** Reads a driver's room event into {@link ControlContent}: structured events for programs, text for people. */
public final class ControlContentReader {
  private static final Set<String> FILE_TYPES = Set.of("m.file", "m.image", "m.video", "m.audio");
  private static final Set<String> TEXT_TYPES = Set.of("m.text", "m.notice");
  private static final String REGISTER_WORD = "register";

  private final EventNames names;

  /** A reader for the protocol under these names. */
  public ControlContentReader(EventNames names) {
    this.names = names;
  }

  /** What the event means; {@link ControlContent.Unknown} for anything that is not part of the protocol. */
  public ControlContent read(RoomEvent event) {
    String type = event.type();
    JsonNode content = event.content();
    if (!content.isObject()) {
      return new ControlContent.Unknown(type);
    }
    if (type.equals(names.registerType())) {
      return registration((ObjectNode) content.deepCopy());
    }
    if (type.equals(names.answerType())) {
      ObjectNode answer = withoutRelation(content);
      return new ControlContent.Answer(event.inReplyTo(), takeActionId(answer), answer);
    }
    if (type.equals(names.errorType())) {
      ObjectNode error = withoutRelation(content);
      return new ControlContent.Failure(event.inReplyTo(), takeActionId(error), error);
    }
    if (EventNames.MESSAGE.equals(type)) {
      return message(event);
    }
    return new ControlContent.Unknown(type);
  }

  private ControlContent registration(ObjectNode registration) {
    JsonNode uuid = registration.remove(names.uuidField());
    return new ControlContent.Registration(registration, uuid != null && uuid.isTextual() && !uuid.asText().isBlank() ? uuid.asText() : null);
  }

  private ControlContent message(RoomEvent event) {
    String msgtype = event.content().path("msgtype").asText("");
    if (FILE_TYPES.contains(msgtype)) {
      // 'filename' is the file's name when the event has a caption in 'body'; without it 'body' is the name
      String name = event.content().path("filename").asText(event.content().path("body").asText("file"));
      JsonNode url = event.content().path("url");
      return new ControlContent.FileShare(name, url.isTextual() ? url.asText() : "",
          event.content().path("info").path("mimetype").asText("application/octet-stream"));
    }
    if (!TEXT_TYPES.contains(msgtype)) {
      return new ControlContent.Unknown(EventNames.MESSAGE + "/" + msgtype);
    }
    String text = PlainText.withoutReplyFallback(event.content().path("body").asText(""));
    String inReplyTo = event.inReplyTo();
    if (inReplyTo == null) {
      return registrationText(text);
    }
    return PlainText.answer(inReplyTo, text);
  }

  /** {@code register {"type": ...}} typed by a person registers; any other text is chat. */
  private ControlContent registrationText(String text) {
    String[] parts = text.split("\\s+", 2);
    if (parts[0].toLowerCase(Locale.ROOT).equals(REGISTER_WORD) && parts.length == 2) {
      try {
        JsonNode registration = Json.parse(parts[1]);
        if (registration.isObject()) {
          return registration((ObjectNode) registration);
        }
      } catch (IllegalArgumentException notJson) {
        // falls through: people may say "register" in passing
      }
    }
    return new ControlContent.Chat(text);
  }

  /** Removes and answers the {@code action_id} a driver put in its content, or null. */
  private String takeActionId(ObjectNode content) {
    JsonNode id = content.get(names.actionIdField());
    if (id == null || !id.isTextual() || id.asText().isBlank()) {
      return null;
    }
    content.remove(names.actionIdField());
    return id.asText();
  }

  private static ObjectNode withoutRelation(JsonNode content) {
    ObjectNode copy = (ObjectNode) content.deepCopy();
    copy.remove("m.relates_to");
    return copy;
  }
}
