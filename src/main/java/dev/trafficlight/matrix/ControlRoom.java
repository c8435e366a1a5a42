package dev.trafficlight.matrix;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trafficlight.core.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One client's control room: who drives it, the client it registered, and the action it has been
 * sent and not yet answered. Guarded by {@link ControlRooms}.
 */
final class ControlRoom {
  final String roomId;
  final String driver;
  String uuid;
  String actionId;
  String actionName;
  /** The events that carry the outstanding action; a reply to one of them answers it. */
  final List<String> actionEvents = new ArrayList<>();
  /** Sends of the outstanding action not yet confirmed by the homeserver. */
  int unconfirmedSends;
  /** The last time the driver was heard from, or was handed something to do. */
  Instant lastHeard;

  ControlRoom(String roomId, String driver, Instant now) {
    this.roomId = roomId;
    this.driver = driver;
    this.lastHeard = now;
  }

  void clearAction() {
    actionId = null;
    actionName = null;
    actionEvents.clear();
    unconfirmedSends = 0;
  }

  ObjectNode toJson() {
    ObjectNode json = Json.object().put("room_id", roomId).put("driver", driver).put("uuid", uuid)
        .put("action_id", actionId).put("action_name", actionName);
    actionEvents.forEach(json.putArray("action_events")::add);
    return json;
  }

  static ControlRoom fromJson(JsonNode json, Instant now) {
    ControlRoom room = new ControlRoom(json.path("room_id").asText(), json.path("driver").asText(), now);
    room.uuid = json.hasNonNull("uuid") ? json.get("uuid").asText() : null;
    room.actionId = json.hasNonNull("action_id") ? json.get("action_id").asText() : null;
    room.actionName = json.hasNonNull("action_name") ? json.get("action_name").asText() : null;
    json.path("action_events").forEach(e -> room.actionEvents.add(e.asText()));
    return room;
  }
}
