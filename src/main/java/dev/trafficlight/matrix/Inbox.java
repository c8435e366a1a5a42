package dev.trafficlight.matrix;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trafficlight.core.Json;
import dev.trafficlight.core.port.ClientPort;
import dev.trafficlight.core.port.Failure;
import dev.trafficlight.core.port.Receipt;
import dev.trafficlight.matrix.model.ControlContent;
import dev.trafficlight.matrix.model.ControlContentReader;
import dev.trafficlight.matrix.model.Invite;
import dev.trafficlight.matrix.model.RoomEvent;
import dev.trafficlight.matrix.model.SyncBatch;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns what sync brings into calls on the coordinator: invitations are accepted from allowed
 * users only; in a control room only the driver's events count; registrations, answers, failures
 * and files go to the {@link ClientPort}; a driver leaving is the client disappearing.
 */
final class Inbox {
  private static final Logger LOG = LoggerFactory.getLogger(Inbox.class);

  private final MatrixSettings settings;
  private final ClientPort port;
  private final ControlRooms rooms;
  private final Outbox outbox;
  private final Notices notices;
  private final ActionDelivery delivery;
  private final ArtifactFetcher fetcher;
  private final ControlContentReader reader;
  private final Clock clock;
  /** Rooms we are in without having been invited by an allowed user, already left. */
  private final Set<String> strangeRooms = new HashSet<>();

  Inbox(MatrixSettings settings, ClientPort port, ControlRooms rooms, Outbox outbox, Notices notices,
      ActionDelivery delivery, ArtifactFetcher fetcher, Clock clock) {
    this.settings = settings;
    this.port = port;
    this.rooms = rooms;
    this.outbox = outbox;
    this.notices = notices;
    this.delivery = delivery;
    this.fetcher = fetcher;
    this.reader = new ControlContentReader(settings.names());
    this.clock = clock;
  }

  /** Applies one sync; {@code initial} is the first sync without a token, whose timelines are history. */
  void accept(SyncBatch batch, boolean initial) {
    batch.invites().forEach(this::invited);
    batch.left().forEach(roomId -> lost(roomId, "the coordinator is no longer in the room"));
    batch.limited().forEach(roomId -> LOG.warn("sync cut the timeline of {} short; raise matrix.timeline_limit", roomId));
    if (initial) {
      return;
    }
    for (Map.Entry<String, List<RoomEvent>> room : batch.timelines().entrySet()) {
      for (RoomEvent event : room.getValue()) {
        try {
          event(room.getKey(), event);
        } catch (RuntimeException e) {
          LOG.warn("event {} in {} could not be handled", event.eventId(), room.getKey(), e);
        }
      }
    }
  }

  private void invited(Invite invite) {
    if (rooms.contains(invite.roomId())) {
      outbox.perform("join " + invite.roomId(), api -> api.join(invite.roomId()));
    } else if (settings.allows(invite.inviter())) {
      LOG.info("joining control room {} on the invitation of {}", invite.roomId(), invite.inviter());
      rooms.add(invite.roomId(), invite.inviter());
      outbox.perform("join " + invite.roomId(), api -> api.join(invite.roomId()));
    } else {
      LOG.warn("declining the invitation to {} from {}: not in matrix.allowed_inviters", invite.roomId(), invite.inviter());
      outbox.perform("decline " + invite.roomId(), api -> api.leave(invite.roomId()));
    }
  }

  private void event(String roomId, RoomEvent event) {
    String driver = rooms.driverOf(roomId).orElse(null);
    if (driver == null) {
      if (strangeRooms.add(roomId)) {
        LOG.warn("leaving {}: no allowed user invited the coordinator there", roomId);
        outbox.perform("leave " + roomId, api -> api.leave(roomId));
      }
      return;
    }
    if (event.sender().equals(settings.userId())) {
      return;
    }
    if (!event.membership().isEmpty()) {
      boolean gone = "leave".equals(event.membership()) || "ban".equals(event.membership());
      if (gone && (driver.equals(event.stateKey()) || settings.userId().equals(event.stateKey()))) {
        lost(roomId, event.stateKey() + " left the room");
      }
      return;
    }
    if (!event.sender().equals(driver)) {
      LOG.debug("ignoring {} from {} in {}: only {} drives this room", event.type(), event.sender(), roomId, driver);
      return;
    }
    rooms.heardFrom(roomId, clock.instant());
    if (event.content().toString().getBytes(StandardCharsets.UTF_8).length > settings.maxEventBytes()) {
      notices.say(roomId, event.eventId(), Receipt.Status.REFUSED,
          "ignored: the event is larger than " + settings.maxEventBytes() + " bytes");
      return;
    }
    ControlContent content = reader.read(event);
    String uuid = rooms.read(roomId, room -> room.uuid).orElse(null);
    if (content instanceof ControlContent.Registration r) {
      register(roomId, event, r);
    } else if (content instanceof ControlContent.Chat || content instanceof ControlContent.Unknown) {
      LOG.debug("nothing to do with {} in {}", content, roomId);
    } else if (uuid == null) {
      notices.say(roomId, event.eventId(), Receipt.Status.UNKNOWN_CLIENT, "ignored: register first");
    } else if (content instanceof ControlContent.Answer a) {
      answer(roomId, event, uuid, a);
    } else if (content instanceof ControlContent.Failure f) {
      failure(roomId, event, uuid, f);
    } else if (content instanceof ControlContent.FileShare f) {
      fetcher.fetch(uuid, f);
    }
  }

  private void register(String roomId, RoomEvent event, ControlContent.Registration registration) {
    String uuid = registration.uuid() != null ? registration.uuid()
        : UUID.nameUUIDFromBytes((roomId + "\n" + event.sender()).getBytes(StandardCharsets.UTF_8)).toString();
    // the room must name its client before the coordinator can hand that client its first action
    String previous = rooms.update(roomId, room -> {
      String before = room.uuid;
      room.uuid = uuid;
      room.clearAction();
      return before;
    }).orElse(null);
    Receipt receipt = port.register(uuid, registration.registration(), MatrixTransport.NAME,
        delivery.channel(roomId, uuid));
    if (!receipt.isOk()) {
      rooms.update(roomId, room -> {
        room.uuid = previous;
        return null;
      });
      notices.say(roomId, event.eventId(), receipt.status(), receipt.message());
      return;
    }
    notices.say(roomId, event.eventId(), Receipt.Status.OK, "registered as " + uuid);
  }

  private void answer(String roomId, RoomEvent event, String uuid, ControlContent.Answer answer) {
    String actionId = answer.actionId();
    if (answer.inReplyTo() != null) {
      String stale = staleness(roomId, answer.inReplyTo());
      if (stale != null) {
        notices.say(roomId, event.eventId(), Receipt.Status.STALE, stale);
        return;
      }
      actionId = rooms.read(roomId, room -> room.actionId).orElse(actionId);
    }
    String answered = actionId;
    // the room forgets the answered action before the coordinator can hand out the next one
    rooms.update(roomId, room -> {
      if (answered == null || answered.equals(room.actionId)) room.clearAction();
      return null;
    });
    Receipt receipt = port.answer(uuid, actionId, MatrixWire.answer(answer.answer()));
    if (!receipt.isOk()) {
      notices.say(roomId, event.eventId(), receipt.status(), "ignored: " + receipt.message());
    }
  }

  private void failure(String roomId, RoomEvent event, String uuid, ControlContent.Failure failure) {
    if (failure.inReplyTo() != null) {
      String stale = staleness(roomId, failure.inReplyTo());
      if (stale != null) {
        notices.say(roomId, event.eventId(), Receipt.Status.STALE, stale);
        return;
      }
    }
    Receipt receipt = port.fail(uuid, null, MatrixWire.failure(failure.error()));
    rooms.update(roomId, room -> {
      room.clearAction();
      return null;
    });
    LOG.info("client {} reported a failure: {}", uuid, receipt.message());
  }

  /** Why a reply to {@code eventId} is stale, or null when it answers the outstanding action. */
  private String staleness(String roomId, String eventId) {
    String why = rooms.read(roomId, room -> {
      if (room.actionId == null) {
        return "stale: no action is outstanding; nothing changed";
      }
      if (room.actionEvents.contains(eventId) || room.unconfirmedSends > 0) {
        return "";
      }
      return "stale: that is not the outstanding action " + room.actionName + " (" + room.actionId + "); nothing changed";
    }).orElse("stale: not a control room");
    return why.isEmpty() ? null : why;
  }

  /** The driver or the coordinator left the room: the client has disappeared. */
  void lost(String roomId, String why) {
    String uuid = rooms.read(roomId, room -> room.uuid).orElse(null);
    if (!rooms.contains(roomId)) {
      return;
    }
    rooms.remove(roomId);
    outbox.perform("leave " + roomId, api -> api.leave(roomId));
    if (uuid != null) {
      port.fail(uuid, null, adapterError(why));
      LOG.info("client {} is gone: {}", uuid, why);
    }
  }

  static Failure adapterError(String details) {
    var error = Json.object();
    error.putObject("error").put("type", "adapter").put("details", details);
    return MatrixWire.failure(error);
  }
}
