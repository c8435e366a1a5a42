package dev.trafficlight.matrix;

import dev.trafficlight.wire.AnswerJson;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trafficlight.core.Json;
import dev.trafficlight.core.port.ClientPort;
import dev.trafficlight.core.port.Instruction;
import dev.trafficlight.matrix.MatrixSettings.ActionEvents;
import dev.trafficlight.matrix.model.ActionEventContent;
import dev.trafficlight.matrix.model.EventNames;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts what the coordinator tells a client into its control room: each action and exit as one
 * message (or two events in the older form), with transaction ids derived from the action's or
 * exit's own id, so that only a retry of the same send can reuse one. The coordinator hears
 * that an action was delivered when the homeserver has confirmed every event of it, which is
 * when the driver's silence starts to count.
 */
final class ActionDelivery {
  private static final Logger LOG = LoggerFactory.getLogger(ActionDelivery.class);

  private final ClientPort port;
  private final ControlRooms rooms;
  private final Outbox outbox;
  private final EventNames names;
  private final ActionEvents form;
  private final BooleanSupplier hearing;
  private volatile Consumer<String> settled = roomId -> { };

  /** {@code hearing}: the transport is in sync, so a driver's silence is the driver's. */
  ActionDelivery(ClientPort port, ControlRooms rooms, Outbox outbox, MatrixSettings settings, BooleanSupplier hearing) {
    this.port = port;
    this.rooms = rooms;
    this.outbox = outbox;
    this.names = settings.names();
    this.form = settings.actionEvents();
    this.hearing = hearing;
  }

  /** Who hears that a room has no action events left unconfirmed (replies waiting on them can be read). */
  void onSettled(Consumer<String> listener) {
    settled = listener;
  }

  /** A channel for a client that has just registered in this room, held until {@link RoomChannel#release}. */
  RoomChannel channel(String roomId, String uuid) {
    return new RoomChannel(this, roomId, uuid);
  }

  void deliver(String roomId, String uuid, Instruction instruction) {
    if (instruction instanceof Instruction.Action action) {
      action(roomId, uuid, action);
    } else if (instruction instanceof Instruction.Exit exit) {
      exit(roomId, uuid, exit);
    }
  }

  /** A client counts as present while it has no action to answer, and while the transport cannot hear it at all. */
  boolean connected(String roomId, String uuid) {
    return !hearing.getAsBoolean() || rooms.read(roomId, room -> uuid.equals(room.uuid) && room.actionId == null).orElse(false);
  }

  private void action(String roomId, String uuid, Instruction.Action action) {
    List<Part> parts = parts(new ActionEventContent(action.id(), action.name(), action.data(), uuid), "action-" + action.id());
    boolean ours = rooms.update(roomId, room -> {
      if (!uuid.equals(room.uuid)) {
        return false;
      }
      room.actionId = action.id();
      room.unconfirmed += parts.size();
      return true;
    }).orElse(false);
    if (!ours) {
      // the coordinator cast a client whose driver has gone or re-registered under another id
      port.fail(uuid, action.id(), AnswerJson.adapterError("client " + uuid + " no longer has a Matrix control room"));
      return;
    }
    LOG.debug("sending action {} ({}) to {} in {}", action.name(), action.id(), uuid, roomId);
    AtomicInteger left = new AtomicInteger(parts.size());
    for (Part part : parts) {
      outbox.send(roomId, part.type, part.txnId, part.content, eventId -> {
        rooms.update(roomId, room -> {
          room.actionSent(eventId, action.id());
          room.unconfirmed--;
          return null;
        });
        if (left.decrementAndGet() == 0) {
          port.delivered(uuid, action);
        }
        settle(roomId);
      }, failure -> actionFailed(roomId, uuid, action, failure));
    }
  }

  private void actionFailed(String roomId, String uuid, Instruction.Action action, IOException failure) {
    rooms.update(roomId, room -> {
      room.unconfirmed--;
      return null;
    });
    port.fail(uuid, action.id(), AnswerJson.adapterError("the coordinator could not send action " + action.name()
        + " into control room " + roomId + ": " + failure.getMessage()));
    settle(roomId);
  }

  private void settle(String roomId) {
    if (rooms.read(roomId, room -> room.unconfirmed == 0).orElse(true)) {
      settled.accept(roomId);
    }
  }

  private void exit(String roomId, String uuid, Instruction.Exit exit) {
    boolean ours = rooms.update(roomId, room -> {
      if (!uuid.equals(room.uuid)) {
        return false;
      }
      room.actionId = null;
      room.exited = true;
      return true;
    }).orElse(false);
    if (!ours) {
      // the room has another client now, or none: its driver is not the one to stop
      LOG.debug("not sending exit for {}: {} no longer serves it", uuid, roomId);
      return;
    }
    ObjectNode data = Json.object().put("reason", exit.reason());
    List<Part> parts = parts(new ActionEventContent(null, ActionEventContent.EXIT, data, uuid), "exit-" + exit.id());
    AtomicInteger left = new AtomicInteger(parts.size());
    for (Part part : parts) {
      outbox.send(roomId, part.type, part.txnId, part.content, eventId -> {
        if (left.decrementAndGet() == 0) {
          port.delivered(uuid, exit);
        }
      }, failure -> { });
    }
  }

  /** The events of one action or exit, each with a transaction id of its own derived from {@code sendId}. */
  private List<Part> parts(ActionEventContent content, String sendId) {
    if (form == ActionEvents.ONE) {
      return List.of(new Part(EventNames.MESSAGE, "tl-" + sendId, content.oneEvent(names)));
    }
    return List.of(new Part(names.actionType(), "tl-" + sendId + "-event", content.structured(names)),
        new Part(EventNames.MESSAGE, "tl-" + sendId + "-message", content.message(names)));
  }

  private record Part(String type, String txnId, ObjectNode content) {}
}
