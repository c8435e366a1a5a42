package dev.trafficlight.core.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trafficlight.core.Json;
import dev.trafficlight.core.port.Answer;
import dev.trafficlight.core.scenario.Scenario;
import dev.trafficlight.core.scenario.Template;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What a case's {@code ${...}} references name: {@code case}, its servers, its variables and one
 * namespace per role (the registration, overlaid by every answer's fields as they come).
 */
final class CaseVariables implements Template.Lookup {
  /** The name under which a role's answer word is read: {@code ${alice.response}}. */
  static final String ANSWER_WORD = "response";
  private final Map<String, JsonNode> namespaces = new LinkedHashMap<>();
  /** The loop variables of the state the case is in: they hide any other name. */
  private Map<String, JsonNode> loop = Map.of();

  /** Binds a starting case to its servers and clients; throws {@link IllegalStateException} saying why it cannot. */
  static CaseVariables bind(String caseId, String token, Scenario scenario, Map<String, JsonNode> servers,
      Map<String, JsonNode> registrations) {
    CaseVariables v = new CaseVariables();
    v.namespaces.put("case", Json.object().put("id", caseId).put("token", token).put("scenario", scenario.name()));
    servers.forEach((name, server) -> v.namespaces.put(name, server.deepCopy()));
    registrations.forEach((role, registration) -> v.namespaces.put(role, registration.deepCopy()));
    // In order: each variable may use the ones above it.
    for (Map.Entry<String, JsonNode> variable : scenario.variables().entrySet()) {
      try {
        v.namespaces.put(variable.getKey(), Template.resolve(variable.getValue(), v));
      } catch (Template.TemplateError e) {
        throw new IllegalStateException("variable '" + variable.getKey() + "': " + e.getMessage());
      }
    }
    return v;
  }

  /** A role's latest answer: its fields, and its word as {@code response}, replace earlier values of the same names. */
  void capture(String role, Answer answer) {
    ObjectNode namespace = (ObjectNode) namespaces.get(role);
    namespace.setAll(answer.fields().deepCopy());
    namespace.put(ANSWER_WORD, answer.word());
  }

  /** Keeps a value under a name: a step's {@code save}, or a call's result. */
  void keep(String name, JsonNode value) {
    namespaces.put(name, value.deepCopy());
  }

  /** The loop variables of the state the case enters. */
  void loop(Map<String, JsonNode> bindings) {
    loop = bindings;
  }

  @Override
  public Optional<JsonNode> find(String reference) {
    String[] path = reference.split("\\.");
    JsonNode root = loop.containsKey(path[0]) ? loop.get(path[0]) : namespaces.get(path[0]);
    return root == null ? Optional.empty() : Template.at(root, path, 1);
  }

  /** A fresh lower-case token, safe in Matrix user names. */
  static String token() {
    String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      s.append(alphabet.charAt(ThreadLocalRandom.current().nextInt(alphabet.length())));
    }
    return s.toString();
  }
}
