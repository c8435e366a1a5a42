package dev.trafficlight.matrix.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trafficlight.core.Json;

/**
 * An action (or {@code exit}) for a driver, in its two forms: a structured event for programs and
 * an {@code m.room.message} for people, {@code ▶ send_message {"message":"hi"}}.
 *
 * @param actionId null for {@code exit}, which is not answered
 */
public record ActionEventContent(String actionId, String action, JsonNode data) {
  /** The mark that starts every action message, so people can tell them from chat. */
  public static final String MARK = "▶ ";

  public ActionEventContent {
    data = data == null || data.isNull() || data.isMissingNode() ? Json.object() : data;
  }

  /** The structured event's content: {@code {"action_id", "action", "data"}} under the configured names. */
  public ObjectNode structured(EventNames names) {
    ObjectNode content = Json.object();
    if (actionId != null) {
      content.put(names.actionIdField(), actionId);
    }
    content.put(names.actionField(), action);
    content.set(names.dataField(), data.deepCopy());
    return content;
  }

  /** The human-readable message; it carries the action id too, so a program may answer either event. */
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
