package dev.trafficlight.core.view;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * A registered client as it stands.
 *
 * @param state {@code idle}, {@code in_case} or {@code exited}
 * @param caseId the case it is in, or was last in
 * @param toldExit the client has been handed its exit
 */
public record ClientView(String uuid, String transport, JsonNode registration, String state,
    String caseId, String role, String currentAction, String exitReason, boolean toldExit, Instant registeredAt,
    Instant lastPoll, Instant lastAnswer) {

  public String type() {
    return registration.path("type").asText("");
  }
}
