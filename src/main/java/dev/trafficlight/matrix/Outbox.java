package dev.trafficlight.matrix;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything the transport says in rooms: in order within a room, side by side across rooms,
 * each send retried (see {@link Calls}) under its own transaction id, so that a retry of a send
 * that did arrive is not a second event.
 */
final class Outbox implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Outbox.class);
  /** Rooms sending at the same moment; a step rarely has more roles than this. */
  private static final int PARALLEL_ROOMS = 16;

  private final Calls calls;
  private final KeyedLanes lanes = new KeyedLanes("matrix-outbox", PARALLEL_ROOMS);

  Outbox(Calls calls) {
    this.calls = calls;
  }

  /** Sends an event; {@code onSent} gets its event id, {@code onFailed} the reason it can never be sent. */
  void send(String roomId, String type, String txnId, JsonNode content, Consumer<String> onSent,
      Consumer<IOException> onFailed) {
    lanes.execute(roomId, () -> {
      String eventId;
      try {
        eventId = calls.run(api -> api.send(roomId, type, txnId, content), 0);
      } catch (Calls.Closed closed) {
        return;
      } catch (IOException e) {
        LOG.warn("could not send {} to {}: {}", type, roomId, e.getMessage());
        onFailed.accept(e);
        return;
      }
      onSent.accept(eventId);
    });
  }

  /** Sends an event whose fate nobody waits for (a notice). */
  void send(String roomId, String type, String txnId, JsonNode content) {
    send(roomId, type, txnId, content, eventId -> { }, e -> { });
  }

  /** Leaves a room (or declines an invitation to it), after whatever is still being sent there. */
  void leave(String roomId) {
    lanes.execute(roomId, () -> {
      try {
        calls.run(api -> {
          api.leave(roomId);
          return Boolean.TRUE;
        }, 5);
      } catch (IOException e) {
        LOG.warn("could not leave {}: {}", roomId, e.getMessage());
      }
    });
  }

  @Override
  public void close() {
    lanes.close();
  }
}
