package dev.trafficlight.matrix.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one {@code /sync} brought: the token to continue from, invitations, new timeline events of
 * joined rooms (in order), rooms left, and rooms whose timeline was cut short.
 */
public record SyncBatch(String nextBatch, List<Invite> invites, Map<String, List<RoomEvent>> timelines,
    List<String> left, List<String> limited) {

  /**
   * Reads a {@code /sync} reply leniently: servers omit empty sections and add keys we do not
   * know, so every section is optional.
   */
  public static SyncBatch parse(JsonNode sync, String ownUserId) {
    JsonNode rooms = sync.path("rooms");
    List<Invite> invites = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = rooms.path("invite").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> room = it.next();
      String inviter = "";
      for (JsonNode event : room.getValue().path("invite_state").path("events")) {
        RoomEvent e = RoomEvent.of(event);
        if ("invite".equals(e.membership()) && ownUserId.equals(e.stateKey())) {
          inviter = e.sender();
        }
      }
      invites.add(new Invite(room.getKey(), inviter));
    }
    Map<String, List<RoomEvent>> timelines = new LinkedHashMap<>();
    List<String> limited = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = rooms.path("join").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> room = it.next();
      JsonNode timeline = room.getValue().path("timeline");
      List<RoomEvent> events = new ArrayList<>();
      for (JsonNode event : timeline.path("events")) {
        events.add(RoomEvent.of(event));
      }
      if (!events.isEmpty()) {
        timelines.put(room.getKey(), List.copyOf(events));
      }
      if (timeline.path("limited").asBoolean(false)) {
        limited.add(room.getKey());
      }
    }
    List<String> left = new ArrayList<>();
    rooms.path("leave").fieldNames().forEachRemaining(left::add);
    return new SyncBatch(sync.path("next_batch").asText(""), List.copyOf(invites), timelines,
        List.copyOf(left), List.copyOf(limited));
  }
}
