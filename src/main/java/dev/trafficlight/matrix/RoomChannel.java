package dev.trafficlight.matrix;

import dev.trafficlight.core.port.ClientChannel;
import dev.trafficlight.core.port.Instruction;
import java.util.ArrayList;
import java.util.List;

/**
 * The coordinator's way to one client in one control room. It starts held: what the coordinator
 * tells during registration waits until the "registered" notice is queued, so that the room
 * shows the notice first and the first action after it.
 */
final class RoomChannel implements ClientChannel {
  private final ActionDelivery delivery;
  private final String roomId;
  private final String uuid;
  /** What was told while held; null once released. */
  private List<Instruction> held = new ArrayList<>();

  RoomChannel(ActionDelivery delivery, String roomId, String uuid) {
    this.delivery = delivery;
    this.roomId = roomId;
    this.uuid = uuid;
  }

  @Override
  public synchronized void tell(Instruction instruction) {
    if (held != null) {
      held.add(instruction);
    } else {
      delivery.deliver(roomId, uuid, instruction);
    }
  }

  /** Passes on what was held, in order, and everything after it as it comes. */
  synchronized RoomChannel release() {
    List<Instruction> waiting = held;
    held = null;
    if (waiting != null) {
      waiting.forEach(instruction -> delivery.deliver(roomId, uuid, instruction));
    }
    return this;
  }

  @Override
  public boolean connected() {
    return delivery.connected(roomId, uuid);
  }
}
