package dev.trafficlight.core.engine;

import dev.trafficlight.core.store.Restored;
import dev.trafficlight.core.view.CaseState;
import dev.trafficlight.core.view.CaseView;
import dev.trafficlight.core.view.TimelineEntry;
import dev.trafficlight.core.view.TimelineEntry.Kind;
import java.util.List;
import java.util.stream.Collectors;

/** How a case that was running when the coordinator stopped is shown once it is back: interrupted, at the step it had reached. */
final class Interruptions {
  private Interruptions() {}

  /** The case as queued now, with what the store knew of its run (when it was first queued is not kept: it started then at the latest). */
  static CaseView view(CaseView queued, Restored.Unfinished run) {
    String at = run.step() == null ? "before its first step" : "at step '" + run.step() + "'";
    String reason = "interrupted: the coordinator stopped while the case was " + at
        + "; start it with --rerun-interrupted to run the case again";
    String cast = run.members().entrySet().stream()
        .map(e -> e.getKey() + "=" + e.getValue().uuid() + " (" + e.getValue().type() + ")").collect(Collectors.joining(", "));
    List<TimelineEntry> timeline = List.of(
        new TimelineEntry(run.startedAt(), Kind.STARTED, null, null, null, null, null, cast),
        new TimelineEntry(run.lastAt(), Kind.ENDED, run.step(), null, null, CaseState.INTERRUPTED.word(), null, reason));
    return new CaseView(queued.id(), queued.scenario(), CaseState.INTERRUPTED, reason, queued.types(), queued.serverTypes(),
        run.members(), run.step(), run.steps(), run.startedAt(), run.startedAt(), run.lastAt(), timeline, List.of(),
        List.of(), null, List.of());
  }
}
