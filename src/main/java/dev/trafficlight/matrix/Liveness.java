package dev.trafficlight.matrix;

import dev.trafficlight.core.port.ClientPort;
import dev.trafficlight.core.port.Receipt;
import dev.trafficlight.core.Durations;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The transport polls for its clients, so the coordinator cannot see a driver go quiet; this
 * does: a driver with an unanswered action that sends nothing for the liveness limit is gone.
 */
final class Liveness {
  private static final Logger LOG = LoggerFactory.getLogger(Liveness.class);

  private final ControlRooms rooms;
  private final ActionDelivery delivery;
  private final ClientPort port;
  private final Notices notices;
  private final Duration limit;
  private final Clock clock;

  Liveness(ControlRooms rooms, ActionDelivery delivery, ClientPort port, Notices notices, Duration limit, Clock clock) {
    this.rooms = rooms;
    this.delivery = delivery;
    this.port = port;
    this.notices = notices;
    this.limit = limit;
    this.clock = clock;
  }

  void check() {
    Instant now = clock.instant();
    List<String[]> silent = new ArrayList<>();
    rooms.forEach(room -> {
      if (room.uuid != null && room.actionId != null && !room.lastHeard.plus(limit).isAfter(now)) {
        silent.add(new String[] {room.roomId, room.uuid, room.actionEvents.isEmpty() ? null : room.actionEvents.get(0)});
      }
    });
    for (String[] gone : silent) {
      String why = "no sign of life in the control room for " + Durations.format(limit);
      rooms.update(gone[0], room -> {
        room.clearAction();
        room.uuid = null;
        return null;
      });
      port.fail(gone[1], null, Inbox.adapterError(why));
      LOG.info("client {} is gone: {}", gone[1], why);
      if (gone[2] != null) {
        notices.say(gone[0], gone[2], Receipt.Status.REFUSED, why + "; register again to take part");
      }
    }
  }
}
