package dev.trafficlight.core.engine;

import dev.trafficlight.core.port.PollReply;

/** What a case run asks of the coordinator while the coordinator holds its lock. */
interface Effects {
  /** Tell a client something now: its held polls complete with this reply. */
  void tell(ClientRecord client, PollReply reply);

  void publish(CoordinatorEvent event);
}
