package dev.trafficlight.matrix;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trafficlight.core.Json;
import dev.trafficlight.core.port.ClientChannel;
import dev.trafficlight.core.port.ClientPort;
import dev.trafficlight.core.port.Instruction;
import dev.trafficlight.matrix.model.ActionEventContent;
import dev.trafficlight.matrix.model.EventNames;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries each registered client's actions and exit from the coordinator into its control room:
 * one {@link ClientPoller} per client, and for every action a structured event and a readable
 * message, both with transaction ids derived from the action, so a repeat never duplicates.
 */
final class ActionDelivery {
  private static final Logger LOG = LoggerFactory.getLogger(ActionDelivery.class);

  private final ClientPort port;
  private final ControlRooms rooms;
  private final Outbox outbox;
  private final EventNames names;
  private final Clock clock;

  ActionDelivery(ClientPort port, ControlRooms rooms, Outbox outbox, EventNames names, Clock clock) {
    this.port = port;
    this.rooms = rooms;
    this.outbox = outbox;
    this.names = names;
    this.clock = clock;
  }

  /** How the coordinator reaches the client registered in this room. */
  ClientChannel channel(String roomId, String uuid) {
    return instruction -> {
      if (instruction instanceof Instruction.Action action) {
        deliver(roomId, uuid, action);
      } else if (instruction instanceof Instruction.Exit exit) {
        sendExit(roomId, uuid, exit);
      }
    };
  }

  private void deliver(String roomId, String uuid, Instruction.Action action) {
    boolean ours = rooms.update(roomId, room -> {
      if (!uuid.equals(room.uuid)) {
        return false;
      }
      room.clearAction();
      room.actionId = action.id();
      room.actionName = action.name();
      room.unconfirmedSends = 2;
      room.lastHeard = clock.instant();
      return true;
    }).orElse(false);
    if (!ours) {
      return;
    }
    LOG.debug("sending action {} ({}) to {} in {}", action.name(), action.id(), uuid, roomId);
    ActionEventContent content = new ActionEventContent(action.id(), action.name(), action.data());
    outbox.send(roomId, names.actionType(), Notices.txnId("action", uuid, action.id(), "event"),
        content.structured(names), eventId -> {
          confirmed(roomId, action.id(), eventId);
          port.delivered(uuid, action);
        });
    outbox.send(roomId, EventNames.MESSAGE, Notices.txnId("action", uuid, action.id(), "message"),
        content.message(names), eventId -> confirmed(roomId, action.id(), eventId));
  }

  private void confirmed(String roomId, String actionId, String eventId) {
    rooms.update(roomId, room -> {
      if (actionId.equals(room.actionId)) {
        room.actionEvents.add(eventId);
        room.unconfirmedSends = Math.max(0, room.unconfirmedSends - 1);
      }
      return null;
    });
  }

  private void sendExit(String roomId, String uuid, Instruction.Exit exit) {
    String reason = exit.reason();
    rooms.update(roomId, room -> {
      room.clearAction();
      return null;
    });
    ObjectNode data = Json.object().put("reason", reason);
    ActionEventContent content = new ActionEventContent(null, "exit", data);
    outbox.send(roomId, names.actionType(), Notices.txnId("exit", uuid, exit.id(), "event"),
        content.structured(names), eventId -> port.delivered(uuid, exit));
    outbox.send(roomId, EventNames.MESSAGE, Notices.txnId("exit", uuid, exit.id(), "message"),
        content.message(names), eventId -> { });
  }
}
