package dev.trafficlight.core.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A test as written: roles, servers, variables and steps. Made by {@link ScenarioReader} from a
 * file or by {@link ScenarioBuilder} in Java; both validate through {@link ScenarioValidator}.
 *
 * @param timeout for a whole case, or null for the coordinator's default
 * @param stepTimeout default for each step, or null for the coordinator's default
 * @param source where it was read from, for messages
 * @param machine the steps compiled into a state machine, once, for the engine and the pictures
 */
public record Scenario(String name, String description, Map<String, Role> roles,
    List<String> servers, Map<String, JsonNode> variables, List<Step> steps, Duration timeout,
    Duration stepTimeout, String source, StateMachine machine) {

  public Scenario {
    roles = Collections.unmodifiableMap(new LinkedHashMap<>(roles));
    servers = List.copyOf(servers);
    variables = Collections.unmodifiableMap(new LinkedHashMap<>(variables));
    steps = List.copyOf(steps);
    machine = StateMachine.compile(steps);
  }

  /** A scenario whose machine is compiled from its steps. */
  public Scenario(String name, String description, Map<String, Role> roles, List<String> servers,
      Map<String, JsonNode> variables, List<Step> steps, Duration timeout, Duration stepTimeout, String source) {
    this(name, description, roles, servers, variables, steps, timeout, stepTimeout, source, null);
  }

  public static ScenarioBuilder builder(String name) {
    return new ScenarioBuilder(name);
  }

  public int indexOf(String stepId) {
    for (int i = 0; i < steps.size(); i++) {
      if (steps.get(i).id().equals(stepId)) return i;
    }
    return -1;
  }
}
