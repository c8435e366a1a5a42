package dev.trafficlight.core.view;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * One thing that happened in a case.
 *
 * @param role the role concerned, or null for the coordinator's own steps
 * @param name the action's name, the answer word, the error type or the file name
 */
public record TimelineEntry(Instant at, Kind kind, String step, String role, String actionId,
    String name, JsonNode data, String text) {

  /** What kind of thing happened. */
  public enum Kind { STARTED, SERVERS, STEP, ACTION, ANSWER, ERROR, CHECK, WAIT, CALL, ARTIFACT, ENDED }
}
