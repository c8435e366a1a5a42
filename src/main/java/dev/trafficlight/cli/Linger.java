package dev.trafficlight.cli;

import dev.trafficlight.core.view.CaseView;
import dev.trafficlight.core.view.ClientView;
import dev.trafficlight.core.view.CoordinatorQuery;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * After the last case ends, keeps the server up until every member of a case has heard its exit
 * and the uploads that follow an exit have stopped coming, at most for the grace given.
 */
final class Linger {
  /** No new file for this long after the last exit was heard: the uploads are done. */
  static final Duration QUIET = Duration.ofMillis(300);
  private static final long STEP_MILLIS = 50;

  private Linger() {}

  static void untilUploadsSettle(CoordinatorQuery coordinator, Duration grace) throws InterruptedException {
    Instant until = Instant.now().plus(grace);
    while (Instant.now().isBefore(until) && !everyoneToldExit(coordinator)) {
      Thread.sleep(STEP_MILLIS);
    }
    int files = fileCount(coordinator);
    Instant lastChange = Instant.now();
    while (Instant.now().isBefore(until) && Instant.now().isBefore(lastChange.plus(QUIET))) {
      Thread.sleep(STEP_MILLIS);
      int now = fileCount(coordinator);
      if (now != files) {
        files = now;
        lastChange = Instant.now();
      }
    }
  }

  private static int fileCount(CoordinatorQuery coordinator) {
    return coordinator.cases().stream().mapToInt(c -> c.artifacts().size()).sum();
  }

  private static boolean everyoneToldExit(CoordinatorQuery coordinator) {
    // a client whose case never got its servers went back to idle: it has no exit to hear
    Set<String> told = coordinator.clients().stream().filter(c -> c.toldExit() || c.state().equals("idle"))
        .map(ClientView::uuid).collect(Collectors.toSet());
    return coordinator.cases().stream().map(CaseView::members).flatMap(m -> m.values().stream())
        .allMatch(m -> told.contains(m.uuid()));
  }
}
