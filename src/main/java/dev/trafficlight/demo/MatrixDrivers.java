package dev.trafficlight.demo;

import java.util.Set;

/**
 * Which simulated clients drive over Matrix instead of HTTP: those of {@code types}, each with its
 * own account on the homeserver at {@code homeserverUrl} and its own control room with the
 * coordinator {@code coordinatorUserId}.
 */
public record MatrixDrivers(String homeserverUrl, String coordinatorUserId, Set<String> types) {
  public MatrixDrivers {
    types = Set.copyOf(types);
  }

  /** No client drives over Matrix. */
  public static MatrixDrivers none() {
    return new MatrixDrivers(null, null, Set.of());
  }

  boolean drives(String type) {
    return types.contains(type);
  }
}
