package dev.trafficlight.demo;

/** The names on the Matrix transport's wire, as transports/matrix.md gives them (its defaults). */
final class ControlRoomContract {
  static final String REGISTER = "dev.trafficlight.register";
  /** The event type of the first protocol's action, and the key of the fields inside an action message. */
  static final String ACTION = "dev.trafficlight.action";
  static final String ANSWER = "dev.trafficlight.answer";
  static final String ERROR = "dev.trafficlight.error";
  /** The key of the receipt inside the coordinator's notices. */
  static final String RECEIPT = "dev.trafficlight.receipt";
  static final String MESSAGE = "m.room.message";
  static final String MEMBER = "m.room.member";
  static final String RELATES_TO = "m.relates_to";
  static final String IN_REPLY_TO = "m.in_reply_to";

  private ControlRoomContract() {}
}
