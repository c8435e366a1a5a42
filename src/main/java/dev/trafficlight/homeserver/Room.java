package dev.trafficlight.homeserver;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One room: its events in order, each with its place in the server's stream, and who is in it. */
final class Room {
  /** An event and its position in the server-wide stream, which sync tokens count. */
  record Stored(long position, ObjectNode event) {}

  final String id;
  private final List<Stored> timeline = new ArrayList<>();
  private final Map<String, Stored> latestMembership = new LinkedHashMap<>();

  Room(String id) {
    this.id = id;
  }

  void add(Stored stored) {
    timeline.add(stored);
    ObjectNode event = stored.event();
    if (event.path("type").asText().equals(Rooms.MEMBER) && event.has("state_key")) {
      latestMembership.put(event.get("state_key").asText(), stored);
    }
  }

  /** {@code join}, {@code invite}, {@code leave}...; {@code leave} for someone never in the room. */
  String membership(String user) {
    Stored latest = latestMembership.get(user);
    return latest == null ? "leave" : latest.event().path("content").path("membership").asText("leave");
  }

  /** The latest membership event about the user, or null. */
  Stored membershipEvent(String user) {
    return latestMembership.get(user);
  }

  Collection<Stored> membershipEvents() {
    return latestMembership.values();
  }

  /** The events at or after a stream position, oldest first. */
  List<Stored> since(long position) {
    int from = timeline.size();
    while (from > 0 && timeline.get(from - 1).position() >= position) from--;
    return timeline.subList(from, timeline.size());
  }
}
