package dev.trafficlight.matrix;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trafficlight.core.Json;
import dev.trafficlight.core.port.Receipt;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The coordinator's own remarks in a control room ({@code m.notice}, as bots send): a reply to the
 * event it is about, readable by people, with the receipt under {@link #RECEIPT} for programs.
 */
final class Notices {
  private static final Logger LOG = LoggerFactory.getLogger(Notices.class);
  static final String RECEIPT = "dev.trafficlight.receipt";

  private final Outbox outbox;

  Notices(Outbox outbox) {
    this.outbox = outbox;
  }

  /** Says {@code text} about event {@code aboutEventId}; one notice per event and status, however often asked. */
  void say(String roomId, String aboutEventId, Receipt.Status status, String text) {
    LOG.debug("notice in {} about {}: {}", roomId, aboutEventId, text);
    ObjectNode content = Json.object().put("msgtype", "m.notice").put("body", text);
    content.putObject("m.relates_to").putObject("m.in_reply_to").put("event_id", aboutEventId);
    content.putObject(RECEIPT).put("status", status.name()).put("message", text);
    outbox.send(roomId, "m.room.message", txnId("note", aboutEventId, status.name()), content, eventId -> { });
  }

  /** A transaction id that is the same every time for the same inputs. */
  static String txnId(String kind, String... parts) {
    String joined = String.join("\n", parts);
    return "tl-" + kind + "-" + UUID.nameUUIDFromBytes(joined.getBytes(StandardCharsets.UTF_8));
  }
}
