package dev.trafficlight.matrix.model;

import java.util.Objects;

/**
 * The names the control protocol uses on the wire: the event types and the fields of the
 * structured action event. Configurable so that an existing driver's format can be matched.
 */
public record EventNames(String registerType, String actionType, String answerType, String errorType,
    String actionIdField, String actionField, String dataField, String uuidField) {

  /** The event type people see. */
  public static final String MESSAGE = "m.room.message";
  /** The membership event type: joins, leaves, invitations. */
  public static final String MEMBER = "m.room.member";

  public EventNames {
    Objects.requireNonNull(registerType, "registerType");
    Objects.requireNonNull(actionType, "actionType");
    Objects.requireNonNull(answerType, "answerType");
    Objects.requireNonNull(errorType, "errorType");
    Objects.requireNonNull(actionIdField, "actionIdField");
    Objects.requireNonNull(actionField, "actionField");
    Objects.requireNonNull(dataField, "dataField");
    Objects.requireNonNull(uuidField, "uuidField");
  }

  /** Our own names: {@code dev.trafficlight.*} event types, snake_case fields. */
  public static EventNames defaults() {
    return new EventNames("dev.trafficlight.register", "dev.trafficlight.action",
        "dev.trafficlight.answer", "dev.trafficlight.error", "action_id", "action", "data", "uuid");
  }

  /** The key under which a human-readable action message carries the action id for programs. */
  public String messageActionIdKey() {
    return actionType + "." + actionIdField;
  }
}
