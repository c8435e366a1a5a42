package dev.trafficlight.matrix;

import dev.trafficlight.core.port.Receipt;
import dev.trafficlight.matrix.model.Invite;
import dev.trafficlight.matrix.model.RoomEvent;
import dev.trafficlight.matrix.model.SyncBatch;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sorts what sync brings: invitations are accepted from allowed users only; rooms the
 * coordinator left are lost; of a control room's timeline only the driver's events that are new
 * are passed on: an event seen before (homeservers deliver some twice) or older than the
 * coordinator's own join (history a re-invited member sees again) is never acted on.
 */
final class Inbox {
  private static final Logger LOG = LoggerFactory.getLogger(Inbox.class);
  private static final int JOIN_ATTEMPTS = 5;

  private final MatrixSettings settings;
  private final ControlRooms rooms;
  private final Outbox outbox;
  private final Notices notices;
  private final Calls calls;
  private final ClientEvents clientEvents;
  private final Clock clock;
  /** Rooms we are in without having been invited by an allowed user, already left. */
  private final Set<String> strangeRooms = new HashSet<>();
  private final AtomicInteger timelineGaps = new AtomicInteger();

  Inbox(MatrixSettings settings, ControlRooms rooms, Outbox outbox, Notices notices, Calls calls,
      ClientEvents clientEvents, Clock clock) {
    this.settings = settings;
    this.rooms = rooms;
    this.outbox = outbox;
    this.notices = notices;
    this.calls = calls;
    this.clientEvents = clientEvents;
    this.clock = clock;
  }

  /** Applies one sync; {@code initial} is the first sync without a token, whose timelines are history. */
  void accept(SyncBatch batch, boolean initial) {
    // leaves first: a kick and a new invitation in one batch end with the coordinator in the room
    batch.left().forEach(roomId -> clientEvents.lost(roomId, "the coordinator is no longer in the room"));
    batch.invites().forEach(this::invited);
    if (initial) {
      return;
    }
    Set<String> touched = new LinkedHashSet<>(batch.timelines().keySet());
    touched.addAll(batch.limited());
    for (String roomId : touched) {
      boolean fresh = rooms.update(roomId, room -> {
        boolean was = room.freshJoin;
        room.freshJoin = false;
        return was;
      }).orElse(false);
      if (batch.limited().contains(roomId) && !fresh && rooms.contains(roomId)) {
        timelineGaps.incrementAndGet();
        LOG.warn("sync cut the timeline of {} short; events may be missed: raise matrix.timeline_limit", roomId);
      }
      timeline(roomId, batch.timelines().getOrDefault(roomId, List.of()));
    }
  }

  /** Timelines the homeserver cut short while the coordinator was in the room (not the history a join brings). */
  int timelineGaps() {
    return timelineGaps.get();
  }

  private void timeline(String roomId, List<RoomEvent> events) {
    if (!rooms.contains(roomId)) {
      if (!events.isEmpty() && strangeRooms.add(roomId)) {
        LOG.warn("leaving {}: no allowed user invited the coordinator there", roomId);
        outbox.leave(roomId);
      }
      return;
    }
    for (RoomEvent event : events) {
      try {
        if (isNew(roomId, event)) {
          event(roomId, event);
        }
      } catch (RuntimeException e) {
        LOG.warn("event {} in {} could not be handled", event.eventId(), roomId, e);
      }
    }
  }

  /** Not seen before, and not older than the coordinator's join. */
  private boolean isNew(String roomId, RoomEvent event) {
    return rooms.update(roomId, room -> room.firstSight(event.eventId())
        && (room.joinedAt <= 0 || event.originServerTs() < 0 || event.originServerTs() > room.joinedAt)).orElse(false);
  }

  private void event(String roomId, RoomEvent event) {
    String driver = rooms.read(roomId, room -> room.driver).orElse(null);
    if (driver == null || event.sender().equals(settings.userId())) {
      return;
    }
    if (!event.membership().isEmpty()) {
      boolean gone = "leave".equals(event.membership()) || "ban".equals(event.membership());
      if (gone && driver.equals(event.stateKey())) {
        clientEvents.lost(roomId, event.stateKey() + " left the room");
        outbox.leave(roomId);
      } else if (gone && settings.userId().equals(event.stateKey())) {
        clientEvents.lost(roomId, "the coordinator was removed from the room by " + event.sender());
      }
      return;
    }
    if (!event.sender().equals(driver)) {
      LOG.debug("ignoring {} from {} in {}: only {} drives this room", event.type(), event.sender(), roomId, driver);
      return;
    }
    if (event.content().toString().getBytes(StandardCharsets.UTF_8).length > settings.maxEventBytes()) {
      String uuid = rooms.read(roomId, room -> room.uuid).orElse(null);
      notices.say(roomId, event.eventId(), uuid, Receipt.Status.REFUSED,
          "ignored: the event is larger than " + settings.maxEventBytes() + " bytes");
      return;
    }
    clientEvents.handle(roomId, event);
  }

  private void invited(Invite invite) {
    String roomId = invite.roomId();
    if (rooms.contains(roomId)) {
      // invited to a room we thought we were in: we were removed and missed it
      clientEvents.lost(roomId, "the coordinator was removed from the room");
    }
    if (!settings.allows(invite.inviter())) {
      LOG.warn("declining the invitation to {} from {}: not in matrix.allowed_inviters", roomId, invite.inviter());
      outbox.leave(roomId);
      return;
    }
    LOG.info("joining control room {} on the invitation of {}", roomId, invite.inviter());
    try {
      calls.run(api -> {
        api.join(roomId);
        return Boolean.TRUE;
      }, JOIN_ATTEMPTS);
    } catch (IOException e) {
      LOG.warn("could not join {}: {}; invite the coordinator again", roomId, e.getMessage());
      return;
    }
    rooms.joined(roomId, invite.inviter(), joinedAt(roomId));
  }

  /**
   * The homeserver's timestamp of the coordinator's own join. The sync filter leaves out the
   * coordinator's own events, so the join is read from the room's member list instead.
   */
  private long joinedAt(String roomId) {
    try {
      for (RoomEvent member : calls.run(api -> api.members(roomId), JOIN_ATTEMPTS)) {
        if (settings.userId().equals(member.stateKey()) && "join".equals(member.membership())
            && member.originServerTs() > 0) {
          return member.originServerTs();
        }
      }
      LOG.warn("the member list of {} does not show the coordinator's join; using the local clock", roomId);
    } catch (IOException e) {
      LOG.warn("could not read the member list of {}: {}; using the local clock", roomId, e.getMessage());
    }
    return clock.millis();
  }
}
