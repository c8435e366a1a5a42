package dev.trafficlight.matrix;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trafficlight.core.Durations;
import dev.trafficlight.matrix.model.EventNames;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.LoggerFactory;

/**
 * How the Matrix transport reaches its homeserver and whom it serves.
 *
 * @param accessToken the coordinator's token; null to log in with {@code password} (once: the
 *     token is then kept in the data directory)
 * @param allowedInviters user ids ({@code @driver:hs}), {@code *:server} patterns, or {@code *}
 * @param actionEvents how many events carry each action: one message (the default) or the older
 *     structured event plus a message twin
 * @param maxEventBytes driver events with larger content are refused with a notice; below the
 *     homeserver's own 65,536-byte cap on whole events, so the refusal can happen at all
 */
public record MatrixSettings(String homeserver, String userId, String accessToken, String password,
    List<String> allowedInviters, EventNames names, ActionEvents actionEvents, Duration syncTimeout,
    Duration backoffMin, Duration backoffMax, int maxEventBytes, long maxFileBytes, int timelineLimit) {

  /** How an action reaches the room. */
  public enum ActionEvents {
    /** One {@code m.room.message}: a readable body and the structured fields. */
    ONE,
    /** A structured event and a message twin, as drivers written for the first protocol read them. */
    TWO
  }

  private static final Set<String> KEYS = Set.of("homeserver", "user_id", "access_token", "password",
      "allowed_inviters", "events", "fields", "action_events", "sync_timeout", "backoff_min", "backoff_max",
      "max_event_bytes", "max_file_bytes", "timeline_limit");
  /** Keys of earlier versions that no longer do anything; accepted so that old config files still load. */
  private static final Set<String> OBSOLETE = Set.of("liveness", "poll_wait");

  public MatrixSettings {
    require(homeserver != null && !homeserver.isBlank(), "'homeserver' (the base URL) is required");
    require(userId != null && userId.startsWith("@") && userId.contains(":"),
        "'user_id' must be a full Matrix user id like @trafficlight:example.org, not " + userId);
    require(accessToken != null || password != null, "give 'access_token' or 'password'");
    require(maxEventBytes > 0 && maxFileBytes > 0 && timelineLimit > 0,
        "'max_event_bytes', 'max_file_bytes' and 'timeline_limit' must be positive");
    allowedInviters = List.copyOf(allowedInviters);
  }

  /** Our defaults around the required values, for code and tests. */
  public static MatrixSettings of(String homeserver, String userId, String accessToken, List<String> allowedInviters) {
    return new MatrixSettings(homeserver, userId, accessToken, null, allowedInviters, EventNames.defaults(),
        ActionEvents.ONE, Duration.ofSeconds(30), Duration.ofMillis(500), Duration.ofSeconds(30), 32 * 1024,
        512L * 1024 * 1024, 200);
  }

  /** Reads the {@code matrix:} section of the coordinator's configuration; names any key it does not know. */
  public static MatrixSettings from(JsonNode section) {
    require(section != null && section.isObject(), "the 'matrix' section must be a mapping");
    section.fieldNames().forEachRemaining(key -> {
      if (OBSOLETE.contains(key)) {
        LoggerFactory.getLogger(MatrixSettings.class).warn("'matrix.{}' is no longer used and is ignored", key);
      } else {
        require(KEYS.contains(key), "unknown key 'matrix." + key + "'; known keys: " + String.join(", ", new TreeSet<>(KEYS)));
      }
    });
    MatrixSettings d = of(text(section, "homeserver"), text(section, "user_id"),
        section.hasNonNull("access_token") ? text(section, "access_token") : "-", List.of());
    List<String> inviters = new ArrayList<>();
    for (JsonNode inviter : section.path("allowed_inviters")) {
      inviters.add(inviter.asText());
    }
    EventNames n = EventNames.defaults();
    JsonNode events = section.path("events");
    JsonNode fields = section.path("fields");
    EventNames names = new EventNames(events.path("register").asText(n.registerType()),
        events.path("action").asText(n.actionType()), events.path("answer").asText(n.answerType()),
        events.path("error").asText(n.errorType()), fields.path("action_id").asText(n.actionIdField()),
        fields.path("action").asText(n.actionField()), fields.path("data").asText(n.dataField()),
        fields.path("uuid").asText(n.uuidField()));
    return new MatrixSettings(d.homeserver, d.userId, section.hasNonNull("access_token") ? d.accessToken : null,
        section.hasNonNull("password") ? text(section, "password") : null, inviters, names,
        actionEvents(section), duration(section, "sync_timeout", d.syncTimeout),
        duration(section, "backoff_min", d.backoffMin), duration(section, "backoff_max", d.backoffMax),
        section.path("max_event_bytes").asInt(d.maxEventBytes), section.path("max_file_bytes").asLong(d.maxFileBytes),
        section.path("timeline_limit").asInt(d.timelineLimit));
  }

  /** True when this user may invite the coordinator into a control room. */
  public boolean allows(String inviter) {
    for (String allowed : allowedInviters) {
      if (allowed.equals("*") || allowed.equals(inviter)
          || (allowed.startsWith("*:") && inviter.endsWith(allowed.substring(1)))) {
        return true;
      }
    }
    return false;
  }

  /** The same settings with other sync and retry timings. */
  public MatrixSettings withTimings(Duration newSyncTimeout, Duration newBackoffMin, Duration newBackoffMax) {
    return new MatrixSettings(homeserver, userId, accessToken, password, allowedInviters, names, actionEvents,
        newSyncTimeout, newBackoffMin, newBackoffMax, maxEventBytes, maxFileBytes, timelineLimit);
  }

  /** The same settings with another allowlist of inviters. */
  public MatrixSettings withAllowedInviters(List<String> inviters) {
    return new MatrixSettings(homeserver, userId, accessToken, password, inviters, names, actionEvents,
        syncTimeout, backoffMin, backoffMax, maxEventBytes, maxFileBytes, timelineLimit);
  }

  /** The same settings logging in with a password instead of a token. */
  public MatrixSettings withPassword(String newPassword) {
    return new MatrixSettings(homeserver, userId, null, newPassword, allowedInviters, names, actionEvents,
        syncTimeout, backoffMin, backoffMax, maxEventBytes, maxFileBytes, timelineLimit);
  }

  /** The same settings with other event type and field names. */
  public MatrixSettings withNames(EventNames newNames) {
    return new MatrixSettings(homeserver, userId, accessToken, password, allowedInviters, newNames, actionEvents,
        syncTimeout, backoffMin, backoffMax, maxEventBytes, maxFileBytes, timelineLimit);
  }

  /** The same settings sending each action as this many events. */
  public MatrixSettings withActionEvents(ActionEvents form) {
    return new MatrixSettings(homeserver, userId, accessToken, password, allowedInviters, names, form,
        syncTimeout, backoffMin, backoffMax, maxEventBytes, maxFileBytes, timelineLimit);
  }

  /** The same settings with another timeline limit per room and sync. */
  public MatrixSettings withTimelineLimit(int limit) {
    return new MatrixSettings(homeserver, userId, accessToken, password, allowedInviters, names, actionEvents,
        syncTimeout, backoffMin, backoffMax, maxEventBytes, maxFileBytes, limit);
  }

  /** The localpart of {@link #userId()}, for password login. */
  String localpart() {
    return userId.substring(1, userId.indexOf(':'));
  }

  private static ActionEvents actionEvents(JsonNode section) {
    String value = section.path("action_events").asText("one").toLowerCase(Locale.ROOT);
    return switch (value) {
      case "one", "1" -> ActionEvents.ONE;
      case "two", "2" -> ActionEvents.TWO;
      default -> throw new IllegalArgumentException("matrix configuration: 'matrix.action_events' is 'one' or 'two', not " + value);
    };
  }

  private static String text(JsonNode section, String key) {
    JsonNode value = section.get(key);
    require(value != null && value.isValueNode() && !value.asText().isBlank(), "'matrix." + key + "' is required");
    return value.asText();
  }

  private static Duration duration(JsonNode section, String key, Duration fallback) {
    if (!section.hasNonNull(key)) {
      return fallback;
    }
    try {
      return Durations.parse(section.get(key).asText());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("'matrix." + key + "': " + e.getMessage(), e);
    }
  }

  private static void require(boolean ok, String problem) {
    if (!ok) {
      throw new IllegalArgumentException("matrix configuration: " + problem);
    }
  }
}
