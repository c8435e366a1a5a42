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
 * @param serverTypes for each server that names types, the types it may be (one case per type)
 * @param answers how strictly answer words are read, and the words each action may answer
 * @param timeout for a whole case, or null for the coordinator's default
 * @param stepTimeout default for each step, or null for the coordinator's default
 * @param source where it was read from, for messages
 * @param machine the steps compiled into a state machine, once, for the engine and the pictures
 */
public record Scenario(String name, String description, Map<String, Role> roles,
    List<String> servers, Map<String, List<String>> serverTypes, Map<String, JsonNode> variables,
    AnswerRules answers, List<Step> steps, Duration timeout, Duration stepTimeout, String source, StateMachine machine) {

  public Scenario {
    roles = Collections.unmodifiableMap(new LinkedHashMap<>(roles));
    servers = List.copyOf(servers);
    Map<String, List<String>> types = new LinkedHashMap<>();
    serverTypes.forEach((server, list) -> types.put(server, List.copyOf(list)));
    serverTypes = Collections.unmodifiableMap(types);
    variables = Collections.unmodifiableMap(new LinkedHashMap<>(variables));
    steps = List.copyOf(steps);
    answers = answers == null ? AnswerRules.lenient() : answers;
    machine = StateMachine.compile(steps, answers);
  }

  /** A scenario whose machine is compiled from its steps. */
  public Scenario(String name, String description, Map<String, Role> roles, List<String> servers,
      Map<String, List<String>> serverTypes, Map<String, JsonNode> variables, AnswerRules answers, List<Step> steps,
      Duration timeout, Duration stepTimeout, String source) {
    this(name, description, roles, servers, serverTypes, variables, answers, steps, timeout, stepTimeout, source, null);
  }

  /** A scenario whose servers name no types. */
  public Scenario(String name, String description, Map<String, Role> roles, List<String> servers,
      Map<String, JsonNode> variables, List<Step> steps, Duration timeout, Duration stepTimeout, String source) {
    this(name, description, roles, servers, Map.of(), variables, null, steps, timeout, stepTimeout, source, null);
  }

  /** The same scenario with other client and server types, as a run may choose them. */
  public Scenario withTypes(Map<String, Role> newRoles, Map<String, List<String>> newServerTypes) {
    return new Scenario(name, description, newRoles, servers, newServerTypes, variables, answers, steps, timeout,
        stepTimeout, source, machine);
  }

  /** The types a server may be; empty when the scenario named none. */
  public List<String> typesOf(String server) {
    return serverTypes.getOrDefault(server, List.of());
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
