package dev.trafficlight.core.catalogue;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One action of the catalogue: what a client is asked to do, with what data, and what it may answer.
 *
 * @param answers the words an answer's {@code response} may carry; empty when nobody wrote them down
 * @param clients the client types known to implement it
 * @param aliases other names adapters already use for it ({@code proxyTo} for {@code proxy_to})
 */
public record ActionSpec(String name, String description, Map<String, FieldSpec> data, List<String> answers,
    Map<String, FieldSpec> answerData, List<String> clients, List<String> aliases) {
  /** A word every action may be answered with: Hydrogen and the network proxy say it when an action failed. */
  public static final String ERROR_WORD = "error";

  public ActionSpec {
    description = description == null ? "" : description;
    data = Collections.unmodifiableMap(new LinkedHashMap<>(data));
    answers = List.copyOf(answers);
    answerData = Collections.unmodifiableMap(new LinkedHashMap<>(answerData));
    clients = List.copyOf(clients);
    aliases = List.copyOf(aliases);
  }

  /** Whether an answer may carry this word; an action whose words nobody wrote down may carry any. */
  public boolean mayAnswer(String word) {
    return answers.isEmpty() || answers.contains(word) || word.equals(ERROR_WORD);
  }
}
