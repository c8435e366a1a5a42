package dev.trafficlight.homeserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trafficlight.core.Json;
import java.util.HashSet;
import java.util.Set;

/**
 * The parts of a {@code /sync} filter this server honours: the timeline's event types, senders left
 * out, and its limit. Only a filter given inline as JSON is read; a filter id means no filter.
 */
record SyncFilter(Set<String> types, Set<String> notSenders, int limit) {
  static SyncFilter parse(String filter) {
    JsonNode timeline = Json.object();
    if (filter != null && filter.trim().startsWith("{")) {
      try {
        timeline = Json.parse(filter).path("room").path("timeline");
      } catch (IllegalArgumentException e) {
        throw MatrixError.badRequest("M_NOT_JSON", "the filter is not JSON: " + e.getMessage());
      }
    }
    Set<String> types = new HashSet<>();
    timeline.path("types").forEach(t -> types.add(t.asText()));
    Set<String> notSenders = new HashSet<>();
    timeline.path("not_senders").forEach(s -> notSenders.add(s.asText()));
    int limit = timeline.path("limit").asInt(Limits.TIMELINE_LIMIT_DEFAULT);
    return new SyncFilter(types, notSenders, Math.max(1, Math.min(limit, Limits.TIMELINE_LIMIT_MAX)));
  }

  /** Without {@code not_senders}, a user's own events come back in its own sync, as on a real server. */
  boolean accepts(ObjectNode event) {
    return (types.isEmpty() || types.contains(event.path("type").asText()))
        && !notSenders.contains(event.path("sender").asText());
  }
}
