package dev.trafficlight.matrix;

import dev.trafficlight.wire.AnswerJson;
import dev.trafficlight.core.port.ClientPort;
import dev.trafficlight.core.port.Failure;
import dev.trafficlight.core.port.Receipt;
import dev.trafficlight.matrix.model.ControlContent;
import dev.trafficlight.matrix.model.ControlContentReader;
import dev.trafficlight.matrix.model.RoomEvent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a driver's event in its control room means for its client, translated into calls on the
 * {@link ClientPort}: registrations, answers, failures and files. An answer or failure counts
 * for the action whose event it replies to, or whose {@code action_id} it names, and the
 * coordinator alone decides whether that action is still outstanding. A reply to an action event
 * the homeserver has not yet confirmed waits, with the room's later events, until it has.
 */
final class ClientEvents {
  private static final Logger LOG = LoggerFactory.getLogger(ClientEvents.class);
  /** Client ids travel in URLs and file names: the characters that need no escaping anywhere. */
  static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9._~-]{1,128}");
  private static final int MAX_WAITING = 100;

  private final ClientPort port;
  private final ControlRooms rooms;
  private final Notices notices;
  private final ActionDelivery delivery;
  private final ArtifactFetcher fetcher;
  private final ControlContentReader reader;
  /** Per room, events waiting for the room's action sends to be confirmed, in arrival order. */
  private final Map<String, ArrayDeque<RoomEvent>> waiting = new HashMap<>();

  ClientEvents(MatrixSettings settings, ClientPort port, ControlRooms rooms, Notices notices, ActionDelivery delivery,
      ArtifactFetcher fetcher) {
    this.port = port;
    this.rooms = rooms;
    this.notices = notices;
    this.delivery = delivery;
    this.fetcher = fetcher;
    this.reader = new ControlContentReader(settings.names());
  }

  /** A driver's event, in the room's order. */
  synchronized void handle(String roomId, RoomEvent event) {
    ArrayDeque<RoomEvent> queue = waiting.get(roomId);
    if (queue != null) {
      queueBehind(roomId, queue, event);
    } else if (!process(roomId, event, true)) {
      waiting.computeIfAbsent(roomId, r -> new ArrayDeque<>()).add(event);
    }
  }

  /** The room's action events are all confirmed: what waited on them is read now, in order. */
  synchronized void resume(String roomId) {
    ArrayDeque<RoomEvent> queue = waiting.remove(roomId);
    while (queue != null && !queue.isEmpty()) {
      RoomEvent next = queue.peek();
      if (!process(roomId, next, true)) {
        waiting.put(roomId, queue);
        return;
      }
      queue.poll();
    }
  }

  private void queueBehind(String roomId, ArrayDeque<RoomEvent> queue, RoomEvent event) {
    if (queue.size() < MAX_WAITING) {
      queue.add(event);
      return;
    }
    // a homeserver that never confirms must not make the room's events pile up: read the oldest now
    process(roomId, queue.poll(), false);
    queue.add(event);
  }

  /** False when the event must wait for the room's action sends to be confirmed. */
  private boolean process(String roomId, RoomEvent event, boolean mayWait) {
    ControlContent content = reader.read(event);
    String uuid = rooms.read(roomId, room -> room.uuid).orElse(null);
    if (content instanceof ControlContent.Registration r) {
      register(roomId, event, r);
    } else if (content instanceof ControlContent.Chat || content instanceof ControlContent.Unknown) {
      LOG.debug("nothing to do with {} in {}", content, roomId);
    } else if (uuid == null) {
      notices.say(roomId, event.eventId(), null, Receipt.Status.UNKNOWN_CLIENT, "ignored: register first");
    } else if (content instanceof ControlContent.Answer a) {
      return answer(roomId, event, uuid, a, mayWait);
    } else if (content instanceof ControlContent.Failure f) {
      return failure(roomId, event, uuid, f, mayWait);
    } else if (content instanceof ControlContent.FileShare f) {
      fetcher.fetch(roomId, event.eventId(), uuid, f);
    }
    return true;
  }

  private void register(String roomId, RoomEvent event, ControlContent.Registration registration) {
    String uuid = registration.uuid() != null ? registration.uuid()
        : UUID.nameUUIDFromBytes((roomId + "\n" + event.sender()).getBytes(StandardCharsets.UTF_8)).toString();
    if (!CLIENT_ID.matcher(uuid).matches()) {
      notices.say(roomId, event.eventId(), null, Receipt.Status.REFUSED, "a client id is 1 to 128 letters, digits,"
          + " '.', '_', '~' or '-'; not registered");
      return;
    }
    String busy = busyOther(roomId, uuid);
    if (busy != null) {
      notices.say(roomId, event.eventId(), busy, Receipt.Status.REFUSED, "client " + busy + " of this room is in case "
          + port.caseOf(busy).orElse("?") + "; it cannot register again until the case ends");
      return;
    }
    String caseBefore = port.caseOf(uuid).orElse(null);
    RoomChannel channel = delivery.channel(roomId, uuid);
    Receipt receipt = port.register(uuid, registration.registration(), MatrixTransport.NAME, channel);
    if (!receipt.isOk()) {
      notices.say(roomId, event.eventId(), uuid, receipt.status(), receipt.message());
      return;
    }
    rooms.update(roomId, room -> {
      room.registered(uuid, registration.registration(), caseBefore);
      return null;
    });
    rooms.claim(roomId, uuid);
    notices.say(roomId, event.eventId(), uuid, Receipt.Status.OK, "registered as " + uuid);
    channel.release();
  }

  /** The room's present client when it is not {@code uuid} and is in a case: then it keeps the room. */
  private String busyOther(String roomId, String uuid) {
    // copied out first: the coordinator is never asked while the rooms' lock is held (its tick asks the rooms)
    String[] present = rooms.read(roomId, room -> room.uuid == null || room.uuid.equals(uuid) || room.exited ? null
        : new String[] {room.uuid, room.caseAtRegistration}).orElse(null);
    if (present == null) {
      return null;
    }
    // cast since it registered here, and not told to exit since: it is in that case now
    String now = port.caseOf(present[0]).orElse(null);
    return now != null && !now.equals(present[1]) ? present[0] : null;
  }

  private boolean answer(String roomId, RoomEvent event, String uuid, ControlContent.Answer answer, boolean mayWait) {
    return report(roomId, event, uuid, answer.inReplyTo(), answer.actionId(), mayWait,
        actionId -> port.answer(uuid, actionId, AnswerJson.answer(answer.answer())));
  }

  private boolean failure(String roomId, RoomEvent event, String uuid, ControlContent.Failure failure, boolean mayWait) {
    Failure report = AnswerJson.failure(failure.error());
    LOG.info("client {} reports a failure: {} {}", uuid, report.label(), report.details());
    return report(roomId, event, uuid, failure.inReplyTo(), failure.actionId(), mayWait,
        actionId -> port.fail(uuid, actionId, report));
  }

  /**
   * Passes an answer or failure on for the action it names (null: the outstanding one); false when
   * it must wait for the room's action sends. The coordinator decides whether that action is
   * still outstanding; whatever it refuses gets a notice.
   */
  private boolean report(String roomId, RoomEvent event, String uuid, String inReplyTo, String namedId, boolean mayWait,
      Function<String, Receipt> call) {
    Reference ref = reference(roomId, inReplyTo, namedId, mayWait);
    if (ref == Reference.WAIT) {
      return false;
    }
    if (ref == Reference.UNKNOWN) {
      notices.say(roomId, event.eventId(), uuid, Receipt.Status.STALE,
          "that reply is not to an action of client " + uuid + "; nothing changed");
      return true;
    }
    String reported = ref.actionId != null ? ref.actionId : rooms.read(roomId, room -> room.actionId).orElse(null);
    Receipt receipt = call.apply(ref.actionId);
    if (receipt.isOk()) {
      // the action is no longer the room's: the client is waiting, as far as liveness goes
      rooms.update(roomId, room -> {
        if (reported != null && reported.equals(room.actionId)) {
          room.actionId = null;
        }
        return null;
      });
    } else {
      // naming an action that is not outstanding any more is stale, even when none is outstanding now
      Receipt.Status status = ref.actionId != null && receipt.status() == Receipt.Status.NO_ACTION
          ? Receipt.Status.STALE : receipt.status();
      notices.say(roomId, event.eventId(), uuid, status, "ignored: " + receipt.message());
    }
    return true;
  }

  /** Which action a reply or an {@code action_id} names. */
  private Reference reference(String roomId, String inReplyTo, String actionId, boolean mayWait) {
    if (actionId != null) {
      return new Reference(actionId);
    }
    if (inReplyTo == null) {
      return Reference.OUTSTANDING;
    }
    return rooms.read(roomId, room -> {
      String known = room.actionOf(inReplyTo).orElse(null);
      if (known != null) {
        return new Reference(known);
      }
      return mayWait && room.unconfirmed > 0 ? Reference.WAIT : Reference.UNKNOWN;
    }).orElse(Reference.UNKNOWN);
  }

  /** The driver or the coordinator left the room: the client has disappeared. */
  synchronized void lost(String roomId, String why) {
    waiting.remove(roomId);
    rooms.remove(roomId).ifPresent(uuid -> {
      Receipt receipt = port.fail(uuid, null, AnswerJson.adapterError(why));
      LOG.info("client {} is gone: {} ({})", uuid, why, receipt.message());
    });
  }

  /** The action an answer is for: a named one, the outstanding one, none known, or not known yet. */
  private static final class Reference {
    static final Reference OUTSTANDING = new Reference(null);
    static final Reference UNKNOWN = new Reference(null);
    static final Reference WAIT = new Reference(null);
    final String actionId;

    Reference(String actionId) {
      this.actionId = actionId;
    }

    @Override
    public String toString() {
      return Objects.requireNonNullElse(actionId, "-");
    }
  }
}
