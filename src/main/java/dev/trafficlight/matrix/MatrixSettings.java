package dev.trafficlight.matrix;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trafficlight.core.Durations;
import dev.trafficlight.matrix.model.EventNames;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * How the Matrix transport reaches its homeserver and whom it serves.
 *
 * @param accessToken the coordinator's token; null to log in with {@code password} (once: the
 *     token is then kept in the data directory)
 * @param allowedInviters user ids ({@code @driver:hs}), {@code *:server} patterns, or {@code *}
 * @param liveness a driver with an unanswered action that sends nothing for this long is gone
 * @param pollWait how long each held poll on the coordinator lasts before it is renewed
 */
public record MatrixSettings(String homeserver, String userId, String accessToken, String password,
    List<String> allowedInviters, EventNames names, Duration liveness, Duration syncTimeout,
    Duration pollWait, Duration backoffMin, Duration backoffMax, int maxEventBytes, long maxFileBytes,
    int timelineLimit) {

  private static final Set<String> KEYS = Set.of("homeserver", "user_id", "access_token", "password",
      "allowed_inviters", "events", "fields", "liveness", "sync_timeout", "poll_wait", "backoff_min",
      "backoff_max", "max_event_bytes", "max_file_bytes", "timeline_limit");

  public MatrixSettings {
    require(homeserver != null && !homeserver.isBlank(), "'homeserver' (the base URL) is required");
    require(userId != null && userId.startsWith("@") && userId.contains(":"),
        "'user_id' must be a full Matrix user id like @trafficlight:example.org, not " + userId);
    require(accessToken != null || password != null, "give 'access_token' or 'password'");
    allowedInviters = List.copyOf(allowedInviters);
  }

  /** Our defaults around the required values, for code and tests. */
  public static MatrixSettings of(String homeserver, String userId, String accessToken, List<String> allowedInviters) {
    return new MatrixSettings(homeserver, userId, accessToken, null, allowedInviters, EventNames.defaults(),
        Duration.ofMinutes(3), Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ofMillis(500),
        Duration.ofSeconds(30), 64 * 1024, 512L * 1024 * 1024, 200);
  }

  /** Reads the {@code matrix:} section of the coordinator's configuration; names any key it does not know. */
  public static MatrixSettings from(JsonNode section) {
    require(section != null && section.isObject(), "the 'matrix' section must be a mapping");
    section.fieldNames().forEachRemaining(key -> require(KEYS.contains(key),
        "unknown key 'matrix." + key + "'; known keys: " + String.join(", ", new java.util.TreeSet<>(KEYS))));
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
        duration(section, "liveness", d.liveness), duration(section, "sync_timeout", d.syncTimeout),
        duration(section, "poll_wait", d.pollWait), duration(section, "backoff_min", d.backoffMin),
        duration(section, "backoff_max", d.backoffMax), section.path("max_event_bytes").asInt(d.maxEventBytes),
        section.path("max_file_bytes").asLong(d.maxFileBytes), section.path("timeline_limit").asInt(d.timelineLimit));
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

  /** The same settings with other sync, poll and retry timings. */
  public MatrixSettings withTimings(Duration syncTimeout, Duration pollWait, Duration backoffMin, Duration backoffMax) {
    return new MatrixSettings(homeserver, userId, accessToken, password, allowedInviters, names, liveness,
        syncTimeout, pollWait, backoffMin, backoffMax, maxEventBytes, maxFileBytes, timelineLimit);
  }

  /** The same settings with another allowlist of inviters. */
  public MatrixSettings withAllowedInviters(List<String> inviters) {
    return new MatrixSettings(homeserver, userId, accessToken, password, inviters, names, liveness,
        syncTimeout, pollWait, backoffMin, backoffMax, maxEventBytes, maxFileBytes, timelineLimit);
  }

  /** The same settings with another liveness limit. */
  public MatrixSettings withLiveness(Duration d) {
    return new MatrixSettings(homeserver, userId, accessToken, password, allowedInviters, names, d,
        syncTimeout, pollWait, backoffMin, backoffMax, maxEventBytes, maxFileBytes, timelineLimit);
  }

  /** The same settings logging in with a password instead of a token. */
  public MatrixSettings withPassword(String newPassword) {
    return new MatrixSettings(homeserver, userId, null, newPassword, allowedInviters, names, liveness,
        syncTimeout, pollWait, backoffMin, backoffMax, maxEventBytes, maxFileBytes, timelineLimit);
  }

  /** The same settings with other event type and field names. */
  public MatrixSettings withNames(EventNames newNames) {
    return new MatrixSettings(homeserver, userId, accessToken, password, allowedInviters, newNames, liveness,
        syncTimeout, pollWait, backoffMin, backoffMax, maxEventBytes, maxFileBytes, timelineLimit);
  }

  /** The localpart of {@link #userId()}, for password login. */
  String localpart() {
    return userId.substring(1, userId.indexOf(':'));
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
