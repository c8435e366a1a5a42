package dev.trafficlight.matrix;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trafficlight.core.Json;
import dev.trafficlight.core.port.Receipt;
import dev.trafficlight.matrix.model.EventNames;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The coordinator's own remarks in a control room ({@code m.notice}, as bots send): a reply to the
 * event it is about, readable by people, with the receipt under {@link #RECEIPT} for programs,
 * naming the client it concerns.
 */
final class Notices {
  private static final Logger LOG = LoggerFactory.getLogger(Notices.class);
  static final String RECEIPT = "dev.trafficlight.receipt";

  private final Outbox outbox;
  private final String uuidField;

  Notices(Outbox outbox, EventNames names) {
    this.outbox = outbox;
    this.uuidField = names.uuidField();
  }

  /**
   * Says {@code text} about event {@code aboutEventId}, for client {@code uuid} (null before one
   * registered). The body starts with the status word unless it is OK. One notice per event and
   * status, however often asked: the transaction id is derived from both.
   */
  void say(String roomId, String aboutEventId, String uuid, Receipt.Status status, String text) {
    String body = status == Receipt.Status.OK ? text : status.name().toLowerCase(Locale.ROOT) + ": " + text;
    LOG.debug("notice in {} about {}: {}", roomId, aboutEventId, body);
    ObjectNode content = Json.object().put("msgtype", "m.notice").put("body", body);
    content.putObject("m.relates_to").putObject("m.in_reply_to").put("event_id", aboutEventId);
    ObjectNode receipt = content.putObject(RECEIPT).put("status", status.name()).put("message", text);
    if (uuid != null) {
      receipt.put(uuidField, uuid);
    }
    outbox.send(roomId, EventNames.MESSAGE, txnId("note", aboutEventId, status.name()), content);
  }

  /** A transaction id that is the same every time for the same inputs, and only for them. */
  static String txnId(String kind, String... parts) {
    String joined = String.join("\n", parts);
    return "tl-" + kind + "-" + UUID.nameUUIDFromBytes(joined.getBytes(StandardCharsets.UTF_8));
  }
}
