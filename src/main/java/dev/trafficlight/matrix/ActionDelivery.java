package dev.trafficlight.matrix;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trafficlight.core.Json;
import dev.trafficlight.core.port.ClientPort;
import dev.trafficlight.core.port.PollReply;
import dev.trafficlight.matrix.model.ActionEventContent;
import dev.trafficlight.matrix.model.EventNames;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
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
  private final Duration pollWait;
  private final ScheduledExecutorService scheduler;
  private final Clock clock;
  private final Map<String, ClientPoller> pollers = new HashMap<>();

  ActionDelivery(ClientPort port, ControlRooms rooms, Outbox outbox, EventNames names, Duration pollWait,
      ScheduledExecutorService scheduler, Clock clock) {
    this.port = port;
    this.rooms = rooms;
    this.outbox = outbox;
    this.names = names;
    this.pollWait = pollWait;
    this.scheduler = scheduler;
    this.clock = clock;
  }

  /** Starts polling for a client registered in a room, unless that is under way. */
  void start(String roomId, String uuid) {
    ClientPoller poller;
    synchronized (pollers) {
      ClientPoller running = pollers.get(uuid);
      if (running != null && !running.isStopped()) {
        return;
      }
      // an action whose two events were not both confirmed is sent again: the same transaction ids
      // make the homeserver answer the events it already has instead of adding new ones
      String known = rooms.read(roomId, r -> r.actionEvents.size() >= 2 ? r.actionId : null).orElse(null);
      poller = new ClientPoller(port, uuid, pollWait, scheduler, sink(roomId, uuid), known);
      pollers.put(uuid, poller);
    }
    poller.poll();
  }

  void answered(String uuid) {
    ClientPoller poller;
    synchronized (pollers) {
      poller = pollers.get(uuid);
    }
    if (poller != null) {
      poller.answered();
    }
  }

  void stop(String uuid) {
    ClientPoller poller;
    synchronized (pollers) {
      poller = pollers.remove(uuid);
    }
    if (poller != null) {
      poller.stop();
    }
  }

  void stopAll() {
    synchronized (pollers) {
      pollers.values().forEach(ClientPoller::stop);
      pollers.clear();
    }
  }

  private ClientPoller.Sink sink(String roomId, String uuid) {
    return new ClientPoller.Sink() {
      @Override
      public void action(PollReply.Action action) {
        deliver(roomId, uuid, action);
      }

      @Override
      public void exit(String reason) {
        sendExit(roomId, uuid, reason);
      }
    };
  }

  private void deliver(String roomId, String uuid, PollReply.Action action) {
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
        content.structured(names), eventId -> confirmed(roomId, action.id(), eventId));
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

  private void sendExit(String roomId, String uuid, String reason) {
    synchronized (pollers) {
      pollers.remove(uuid);
    }
    rooms.update(roomId, room -> {
      room.clearAction();
      return null;
    });
    ObjectNode data = Json.object().put("reason", reason);
    ActionEventContent content = new ActionEventContent(null, PollReply.EXIT, data);
    String caseId = port.caseOf(uuid).orElse("");
    outbox.send(roomId, names.actionType(), Notices.txnId("exit", uuid, caseId, reason, "event"),
        content.structured(names), eventId -> { });
    outbox.send(roomId, EventNames.MESSAGE, Notices.txnId("exit", uuid, caseId, reason, "message"),
        content.message(names), eventId -> { });
  }
}
