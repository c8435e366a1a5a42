package dev.trafficlight.matrix.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trafficlight.core.Json;

/**
 * An action (or {@code exit}) for a driver. By default it is one {@code m.room.message} that
 * people read ({@code ▶ send_message {"message":"hi"}}) and that carries the structured fields
 * for programs under the action event type's name; the older form is two events, a structured
 * one and a message twin.
 *
 * @param actionId null for {@code exit}, which is not answered
 * @param uuid the client the action is for
 */
public record ActionEventContent(String actionId, String action, JsonNode data, String uuid) {
  /** The mark that starts every action message, so people can tell them from chat. */
  public static final String MARK = "▶ ";
  /** The action that tells a client to stop. */
  public static final String EXIT = "exit";

  public ActionEventContent {
    data = data == null || data.isNull() || data.isMissingNode() ? Json.object() : data;
  }

  /** The one event of the default form: a message whose body people read, with the fields for programs. */
  public ObjectNode oneEvent(EventNames names) {
    ObjectNode content = Json.object().put("msgtype", "m.text").put("body", textBody());
    content.set(names.actionType(), structured(names));
    return content;
  }

  /** The structured fields, {@code {"action_id", "action", "data", "uuid"}} under the configured names. */
  public ObjectNode structured(EventNames names) {
    ObjectNode content = Json.object();
    if (actionId != null) {
      content.put(names.actionIdField(), actionId);
    }
    content.put(names.actionField(), action);
    content.set(names.dataField(), data.deepCopy());
    content.put(names.uuidField(), uuid);
    return content;
  }

  /** The message twin of the two-event form; it carries the action id, so a program may answer either event. */
  public ObjectNode message(EventNames names) {
    ObjectNode content = Json.object().put("msgtype", "m.text").put("body", textBody());
    if (actionId != null) {
      content.put(names.messageActionIdKey(), actionId);
    }
    return content;
  }

  /** {@code ▶ name} followed by the data as compact JSON when there is any. */
  public String textBody() {
    return MARK + action + (data.isEmpty() ? "" : " " + data);
  }
}
