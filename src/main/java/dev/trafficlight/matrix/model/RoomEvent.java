package dev.trafficlight.matrix.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

/**
 * One event of a room's timeline, as {@code /sync} delivers it.
 *
 * @param originServerTs the sending server's timestamp in epoch milliseconds, or -1 when absent
 */
public record RoomEvent(String eventId, String type, String sender, String stateKey, JsonNode content,
    long originServerTs) {

  /** An event without a timestamp. */
  public RoomEvent(String eventId, String type, String sender, String stateKey, JsonNode content) {
    this(eventId, type, sender, stateKey, content, -1);
  }

  /** Reads an event leniently: absent fields become empty strings, absent content an empty node. */
  public static RoomEvent of(JsonNode event) {
    return new RoomEvent(event.path("event_id").asText(""), event.path("type").asText(""),
        event.path("sender").asText(""), event.hasNonNull("state_key") ? event.get("state_key").asText() : null,
        event.has("content") ? event.get("content") : MissingNode.getInstance(),
        event.path("origin_server_ts").canConvertToLong() ? event.path("origin_server_ts").asLong() : -1);
  }

  /** The event this one replies to, or null. */
  public String inReplyTo() {
    JsonNode id = content.path("m.relates_to").path("m.in_reply_to").path("event_id");
    return id.isTextual() ? id.asText() : null;
  }

  /** For membership events: {@code join}, {@code leave}, {@code invite}, {@code ban}...; else empty. */
  public String membership() {
    return EventNames.MEMBER.equals(type) ? content.path("membership").asText("") : "";
  }
}
