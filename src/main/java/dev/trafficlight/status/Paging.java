package dev.trafficlight.status;

import dev.trafficlight.core.view.CaseState;
import dev.trafficlight.core.view.CaseView;
import dev.trafficlight.core.view.ClientView;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * How much one page shows, so that the overview stays small however many scenarios, cases and
 * clients there are: scenarios a page at a time, the most telling cases of each, the busiest clients.
 */
final class Paging {
  static final int SCENARIOS_PER_PAGE = 20;
  static final int CASE_ROWS_PER_SCENARIO = 25;
  static final int CLIENT_ROWS = 100;

  /** Cases that need a look come first: running, preparing, broken or interrupted, failed, waiting, passed. */
  private static final Map<CaseState, Integer> CASE_ORDER = Map.of(CaseState.RUNNING, 0, CaseState.PREPARING, 1,
      CaseState.ERROR, 2, CaseState.INTERRUPTED, 2, CaseState.FAILED, 3, CaseState.WAITING, 4, CaseState.PASSED, 5);
  private static final Map<String, Integer> CLIENT_ORDER = Map.of("in_case", 0, "idle", 1, "exited", 2);

  private Paging() {}

  /** The page number a request asks for, 1 when it names none or nonsense. */
  static int page(String param) {
    try {
      return param == null ? 1 : Math.max(1, Integer.parseInt(param.trim()));
    } catch (NumberFormatException e) {
      return 1;
    }
  }

  static List<CaseView> telling(List<CaseView> cases) {
    return cases.stream().sorted(Comparator.comparingInt(c -> CASE_ORDER.get(c.state())))
        .limit(CASE_ROWS_PER_SCENARIO).toList();
  }

  /** In a case first, then idle, then exited; the same order the live page uses. */
  static List<ClientView> busiest(List<ClientView> clients, int limit) {
    return clients.stream().sorted(Comparator.comparingInt(c -> CLIENT_ORDER.getOrDefault(c.state(), 3)))
        .limit(limit).toList();
  }
}
