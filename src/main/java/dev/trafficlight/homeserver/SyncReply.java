package dev.trafficlight.homeserver;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trafficlight.core.Json;
import java.util.ArrayList;
import java.util.List;

/** The body of one {@code /sync} reply, room by room; empty sections are left out, as servers do. */
final class SyncReply {
  private final String user;
  private final long from;
  private final boolean initial;
  private final SyncFilter filter;
  private final ObjectNode rooms = Json.object();

  SyncReply(String user, long from, boolean initial, SyncFilter filter) {
    this.user = user;
    this.from = from;
    this.initial = initial;
    this.filter = filter;
  }

  void add(Room room) {
    Room.Stored aboutMe = room.membershipEvent(user);
    boolean changedSince = initial || aboutMe.position() >= from;
    switch (room.membership(user)) {
      case "invite" -> {
        if (changedSince) rooms.with("invite").with(room.id).with("invite_state").withArray("events").add(aboutMe.event().deepCopy());
      }
      case "join" -> timeline(room, changedSince);
      default -> {
        if (!initial && changedSince) rooms.with("leave").with(room.id).with("timeline").withArray("events").add(aboutMe.event().deepCopy());
      }
    }
  }

  /** A room just joined shows its history (shared visibility, as by default); otherwise what came since. */
  private void timeline(Room room, boolean justJoined) {
    List<ObjectNode> events = new ArrayList<>();
    for (Room.Stored stored : room.since(justJoined ? 0 : from)) {
      if (filter.accepts(stored.event())) events.add(stored.event());
    }
    boolean limited = events.size() > filter.limit();
    if (limited) events = events.subList(events.size() - filter.limit(), events.size());
    if (events.isEmpty() && !justJoined) return;
    ObjectNode timeline = rooms.with("join").with(room.id).with("timeline").put("limited", limited);
    events.forEach(e -> timeline.withArray("events").add(e.deepCopy()));
  }

  boolean hasNews() {
    return !rooms.isEmpty();
  }

  ObjectNode finish(String nextBatch) {
    ObjectNode body = Json.object().put("next_batch", nextBatch);
    if (!rooms.isEmpty()) body.set("rooms", rooms);
    return body;
  }
}
