package dev.trafficlight.core.port;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * A client's answer to an action: the answer word ({@code done}, {@code proxyToSet}...) that
 * branches may test, and the fields that later steps may read.
 */
public record Answer(String word, ObjectNode fields) {
  public Answer {
    Objects.requireNonNull(word, "word");
    Objects.requireNonNull(fields, "fields");
  }
}
