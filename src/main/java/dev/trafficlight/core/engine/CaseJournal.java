package dev.trafficlight.core.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trafficlight.core.port.Artifact;
import dev.trafficlight.core.view.CoordinatorEvent;
import dev.trafficlight.core.view.TimelineEntry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * What happened in one case, for people to read: its timeline (each entry also told to the
 * coordinator's listeners), the steps it visited, the files its clients sent, and the warnings
 * of its soft checks. Guarded by the coordinator's lock.
 */
final class CaseJournal {
  private final String caseId;
  private final Clock clock;
  private final Effects fx;
  private final List<TimelineEntry> timeline = new ArrayList<>();
  private final List<String> visited = new ArrayList<>();
  private final List<Artifact> artifacts = new ArrayList<>();
  private final List<String> warnings = new ArrayList<>();

  CaseJournal(String caseId, Clock clock, Effects fx) {
    this.caseId = caseId;
    this.clock = clock;
    this.fx = fx;
  }

  void record(TimelineEntry.Kind kind, String role, String actionId, String step, String name, JsonNode data, String text) {
    TimelineEntry entry = new TimelineEntry(clock.instant(), kind, step, role, actionId, name,
        data == null ? null : data.deepCopy(), text);
    timeline.add(entry);
    fx.publish(new CoordinatorEvent.CaseProgressed(caseId, entry));
  }

  int size() {
    return timeline.size();
  }

  void visited(String stepId) {
    visited.add(stepId);
  }

  void attached(Artifact artifact) {
    artifacts.add(artifact);
  }

  /** A soft check did not hold: the case goes on, and passes "with warnings". */
  void warn(String warning) {
    warnings.add(warning);
  }

  List<TimelineEntry> timeline() {
    return List.copyOf(timeline);
  }

  List<String> visitedSteps() {
    return List.copyOf(visited);
  }

  List<Artifact> artifacts() {
    return List.copyOf(artifacts);
  }

  List<String> warnings() {
    return List.copyOf(warnings);
  }
}
