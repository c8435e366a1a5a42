package dev.trafficlight.matrix.model;

import com.fasterxml.jackson.databind.JsonNode;

/** What a driver's event in its control room means to the coordinator. */
public sealed interface ControlContent {

  /** The driver says who it is; {@code uuid} is null when the driver gave none. */
  record Registration(JsonNode registration, String uuid) implements ControlContent {}

  /**
   * An answer to an action, as the HTTP transport's respond body ({@code {"response": word, ...}}).
   *
   * @param inReplyTo the event replied to, or null
   * @param actionId the action id the content names, or null
   */
  record Answer(String inReplyTo, String actionId, JsonNode answer) implements ControlContent {}

  /**
   * A failure report, {@code {"error": {"type", "details"}}}.
   *
   * @param inReplyTo the event replied to, or null
   * @param actionId the action id the content names, or null
   */
  record Failure(String inReplyTo, String actionId, JsonNode error) implements ControlContent {}

  /**
   * A file shared in the room ({@code m.file}, {@code m.image}, {@code m.video}, {@code m.audio}).
   *
   * @param url the {@code mxc://} URI as given; empty when the event had none (as in encrypted rooms)
   */
  record FileShare(String name, String url, String mimeType) implements ControlContent {}

  /** Text from the driver that is neither a command nor a reply. */
  record Chat(String text) implements ControlContent {}

  /** Anything else: ignored. */
  record Unknown(String type) implements ControlContent {}
}
