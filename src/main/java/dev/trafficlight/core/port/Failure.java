package dev.trafficlight.core.port;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * A client reports that something went wrong.
 *
 * @param label the client's own word for it ({@code action}, {@code adapter}, {@code timeout}...)
 * @param details what the client said, possibly many lines
 * @param report the report as the client sent it, kept for people to read
 */
public record Failure(Kind kind, String label, String details, JsonNode report) {

  /** Whose fault: the case fails for an action the client could not do, and breaks for anything else. */
  public enum Kind {
    /** The client tried the action and it did not work: the client under test is at fault. */
    ACTION,
    /** The adapter, the device or the test set-up broke. */
    BROKEN
  }

  public Failure {
    Objects.requireNonNull(kind, "kind");
    label = label == null || label.isBlank() ? (kind == Kind.ACTION ? "action" : "unknown") : label;
    details = details == null ? "" : details;
  }
}
