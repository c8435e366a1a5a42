package dev.trafficlight.core.view;

import dev.trafficlight.core.scenario.Scenario;
import java.util.List;
import java.util.Optional;

/** What the coordinator shows to those who watch it: the status page, reports and the command line. */
public interface CoordinatorQuery {

  /** Every scenario with queued cases, once each by name, in the order they were added. */
  List<Scenario> scenarios();

  List<CaseView> cases();

  Optional<CaseView> caseView(String id);

  List<ClientView> clients();

  Optional<ClientView> client(String uuid);

  /** True when every queued case has ended. */
  boolean allEnded();

  /** Hears every change from now on; see {@link CoordinatorListener} for the rules. */
  void addListener(CoordinatorListener listener);
}
