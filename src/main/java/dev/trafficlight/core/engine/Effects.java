package dev.trafficlight.core.engine;

import dev.trafficlight.core.port.Instruction;
import dev.trafficlight.core.view.CoordinatorEvent;

/** What a case run asks of the coordinator while the coordinator holds its lock. */
interface Effects {
  /** Tell a client something: its channel hears it once the lock is released. */
  void tell(ClientRecord client, Instruction instruction);

  void publish(CoordinatorEvent event);

  /** A client left a case that never got going, and is idle again: offer it to other cases. */
  void freed(ClientRecord client);
}
