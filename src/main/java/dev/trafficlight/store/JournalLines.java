package dev.trafficlight.store;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trafficlight.core.Json;
import dev.trafficlight.core.store.KeptToken;
import dev.trafficlight.core.view.CaseView;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;

/**
 * The journal's lines: one JSON object per line, its kind in {@code "t"}. The names here are the
 * file format; a reader skips kinds it does not know, so a newer coordinator's journal is read as
 * far as it can be.
 */
final class JournalLines {
  static final String KIND = "t";
  static final String HEADER = "journal";
  static final String CLIENT = "client";
  static final String TOKEN = "token";
  static final String DROPPED = "dropped";
  static final String FORGOTTEN = "forgotten";
  static final String STARTED = "started";
  static final String STEP = "step";
  static final String ENDED = "ended";
  static final int VERSION = 1;

  /** Records to and from JSON; instants as ISO text, nulls left out so a record's absent fields read back as null. */
  private static final ObjectMapper MAPPER = Json.MAPPER.copy()
      .setSerializationInclusion(JsonInclude.Include.NON_NULL)
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
      .registerModule(new SimpleModule("journal-instants")
          .addSerializer(Instant.class, new JsonSerializer<>() {
            @Override
            public void serialize(Instant value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
              gen.writeString(value.toString());
            }
          })
          .addDeserializer(Instant.class, new JsonDeserializer<>() {
            @Override
            public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
              return Instant.parse(p.getValueAsString());
            }
          }));

  private JournalLines() {}

  static ObjectNode header() {
    return line(HEADER).put("version", VERSION);
  }

  static ObjectNode client(String uuid, String transport, JsonNode registration, Instant at) {
    ObjectNode line = line(CLIENT).put("uuid", uuid).put("transport", transport).put("at", at.toString());
    line.set("registration", registration);
    return line;
  }

  static ObjectNode token(String uuid, KeptToken token) {
    return line(TOKEN).put("uuid", uuid).put("token", token.token()).put("used", token.used());
  }

  static ObjectNode dropped(String uuid, String reason, Instant at) {
    return line(DROPPED).put("uuid", uuid).put("reason", reason).put("at", at.toString());
  }

  static ObjectNode forgotten(String uuid) {
    return line(FORGOTTEN).put("uuid", uuid);
  }

  static ObjectNode started(String caseId, Map<String, CaseView.Member> members, Instant at) {
    ObjectNode line = line(STARTED).put("case", caseId).put("at", at.toString());
    ObjectNode roles = line.putObject("members");
    members.forEach((role, m) -> roles.putObject(role).put("uuid", m.uuid()).put("type", m.type()));
    return line;
  }

  static ObjectNode step(String caseId, String step, Instant at) {
    return line(STEP).put("case", caseId).put("step", step).put("at", at.toString());
  }

  /** The one big line, written straight from the record: no tree in between, as it is written under the coordinator's lock. */
  static String ended(CaseView view) {
    try {
      return ENDED_PREFIX + "\"case\":" + MAPPER.writeValueAsString(view.id())
          + ",\"view\":" + MAPPER.writeValueAsString(view) + "}";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("case " + view.id() + " could not be written as JSON", e);
    }
  }

  /** How an ended line starts as this format writes it: such a line is read straight into its record, with no tree between. */
  static final String ENDED_PREFIX = "{\"" + KIND + "\":\"" + ENDED + "\",";

  private record EndedLine(@JsonProperty("view") CaseView view) {}

  /** The case of an ended line read straight from its text. */
  static CaseView endedView(String text) {
    EndedLine line;
    try {
      line = MAPPER.readValue(text, EndedLine.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a case: " + e.getOriginalMessage(), e);
    }
    return checked(line == null ? null : line.view());
  }

  /** A case as it was shown; one missing what every page needs is not one this format wrote. */
  static CaseView view(JsonNode json) {
    try {
      return checked(MAPPER.treeToValue(json, CaseView.class));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a case: " + e.getOriginalMessage(), e);
    }
  }

  private static CaseView checked(CaseView v) {
    if (v == null || v.id() == null || v.scenario() == null || v.state() == null || !v.state().isFinal()
        || v.members() == null || v.types() == null || v.serverTypes() == null || v.visitedSteps() == null
        || v.timeline() == null || v.artifacts() == null || v.waitingFor() == null || v.warnings() == null
        || v.timeline().stream().anyMatch(e -> e == null || e.at() == null || e.kind() == null)) {
      throw new IllegalArgumentException("not a whole ended case");
    }
    return v;
  }

  static Instant instant(JsonNode line, String field) {
    JsonNode value = line.get(field);
    return value == null || !value.isTextual() ? null : Instant.parse(value.asText());
  }

  /** A field that must be text; a line without it is not one this format wrote. */
  static String text(JsonNode line, String field) {
    JsonNode value = line.get(field);
    if (value == null || !value.isTextual()) throw new IllegalArgumentException("no text field '" + field + "'");
    return value.asText();
  }

  static String write(JsonNode line) {
    try {
      return MAPPER.writeValueAsString(line);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a journal line could not be written as JSON", e);
    }
  }

  private static ObjectNode line(String kind) {
    return Json.object().put(KIND, kind);
  }
}
