package dev.trafficlight.core.view;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trafficlight.core.port.Artifact;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A case as it stands, for transports and reports: a snapshot that never changes.
 *
 * @param types the client type each role asks for (null: any)
 * @param serverTypes the type each server was cast as (null: untyped), by the scenario's names
 * @param waitingFor while waiting: one line per role that no idle client can play yet
 * @param errorDetails the client's own error report when one ended the case
 * @param warnings what soft checks that did not hold said; a passed case with warnings passed "with warnings"
 */
public record CaseView(String id, String scenario, CaseState state, String reason,
    Map<String, String> types, Map<String, String> serverTypes, Map<String, Member> members, String currentStep,
    List<String> visitedSteps, Instant createdAt, Instant startedAt, Instant endedAt,
    List<TimelineEntry> timeline, List<Artifact> artifacts, List<String> waitingFor,
    JsonNode errorDetails, List<String> warnings) {

  /** The client playing a role, and what it has been asked that it has not answered yet. */
  public record Member(String uuid, String type, String pendingAction) {}
}
