package dev.trafficlight.core.catalogue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trafficlight.core.scenario.ActionTemplate;
import dev.trafficlight.core.scenario.Branch;
import dev.trafficlight.core.scenario.Scenario;
import dev.trafficlight.core.scenario.ScenarioCheck;
import dev.trafficlight.core.scenario.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Checks a scenario's actions against the catalogue: an unknown name is a warning naming the
 * closest known one; a missing required data field or a literal value of the wrong type is an
 * error; a branch or {@code expect} on a word the action never answers is a warning. A value
 * that is one whole {@code ${...}} is known only once substituted, so it is not checked; text
 * with a {@code ${...}} inside stays text, so it is checked as text.
 */
public final class CatalogueCheck implements ScenarioCheck {
  private static final Pattern ONE_REFERENCE = Pattern.compile("\\s*\\$\\{[^}]*}\\s*");
  private static final String REFERENCE = "${";

  private final Catalogue catalogue;

  public CatalogueCheck(Catalogue catalogue) {
    this.catalogue = catalogue;
  }

  @Override
  public List<Finding> findings(Scenario scenario) {
    List<Finding> found = new ArrayList<>();
    steps(scenario.steps(), "/steps", found);
    scenario.answers().expect().forEach((action, words) -> spec(action).ifPresent(spec -> {
      for (String word : words) {
        if (!spec.mayAnswer(word)) found.add(Finding.warning("/expect/" + action, neverAnswers(action, spec, word)));
      }
    }));
    return found;
  }

  private void steps(List<Step> steps, String at, List<Finding> found) {
    for (int i = 0; i < steps.size(); i++) {
      String here = at + "/" + i;
      if (steps.get(i) instanceof Step.Loop loop) {
        steps(loop.body(), here + "/steps", found);
      } else if (steps.get(i) instanceof Step.Actions actions) {
        actions(actions, here, found);
      }
    }
  }

  private void actions(Step.Actions step, String at, List<Finding> found) {
    step.actions().forEach((role, action) -> {
      String where = at + "/do/" + role;
      if (action.action().contains(REFERENCE)) return; // the name is known only once substituted
      Optional<ActionSpec> spec = spec(action.action());
      if (spec.isEmpty()) {
        found.add(Finding.warning(where + "/action", "action '" + action.action() + "' is not in the action catalogue;"
            + " the closest known action is '" + catalogue.closest(action.action()) + "' (see 'trafficlight catalogue';"
            + " a lab's own actions go in a file given with --catalogue)"));
        return;
      }
      data(spec.get(), action, where, found);
      for (String word : action.expect()) {
        if (!spec.get().mayAnswer(word)) found.add(Finding.warning(where + "/expect", neverAnswers(action.action(), spec.get(), word)));
      }
    });
    for (Branch branch : step.on()) {
      ActionTemplate action = step.actions().get(branch.role());
      if (action == null) continue;
      spec(action.action()).filter(spec -> !spec.mayAnswer(branch.word())).ifPresent(spec -> found.add(Finding.warning(
          at + "/on/" + branch.role() + "/" + branch.word(), "step '" + step.id() + "' branches on " + branch.role() + " answering '"
              + branch.word() + "', but " + neverAnswers(action.action(), spec, branch.word()))));
    }
  }

  private void data(ActionSpec spec, ActionTemplate action, String where, List<Finding> found) {
    if (action.data().isTextual()) return; // one ${...} naming a whole mapping: known only once substituted
    fields(action.action(), spec.data(), action.data(), where + "/data", found);
  }

  private void fields(String action, Map<String, FieldSpec> specs, JsonNode data, String at, List<Finding> found) {
    specs.values().forEach(field -> {
      JsonNode value = data.get(field.name());
      if (value == null || value.isNull()) {
        if (field.required()) {
          found.add(Finding.error(at, "action '" + action + "' needs data field '" + field.name() + "' (" + field.type().word()
              + (field.description().isEmpty() ? "" : ": " + field.description()) + ")"));
        }
        return;
      }
      String here = at + "/" + field.name();
      String problem = typeProblem(field, value);
      if (problem != null) {
        found.add(Finding.error(here, "data field '" + field.name() + "' of action '" + action + "' " + problem));
      } else if (value.isObject() && !field.fields().isEmpty()) {
        fields(action, field.fields(), value, here, found);
      }
    });
  }

  /** Why a written value cannot be of the field's type, or null when it is, or may be once substituted. */
  private static String typeProblem(FieldSpec field, JsonNode value) {
    if (value.isTextual() && value.asText().contains(REFERENCE)) {
      if (ONE_REFERENCE.matcher(value.asText()).matches()) return null;
      return field.type() == FieldType.STRING || field.type() == FieldType.ANY ? null
          : "is " + article(field.type()) + ", but '" + value.asText() + "' is text with ${...} in it, which stays text";
    }
    if (field.type().accepts(value)) return null;
    return "is " + article(field.type()) + ", not " + value + " (" + kind(value) + ")";
  }

  private static String article(FieldType type) {
    return (type == FieldType.INTEGER || type == FieldType.OBJECT || type == FieldType.ANY ? "an " : "a ") + type.word();
  }

  private static String kind(JsonNode value) {
    if (value.isTextual()) return "text";
    if (value.isIntegralNumber()) return "an integer";
    if (value.isNumber()) return "a number";
    if (value.isBoolean()) return "a boolean";
    if (value.isArray()) return "a list";
    if (value.isObject()) return "a mapping";
    return value.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
  }

  private static String neverAnswers(String action, ActionSpec spec, String word) {
    return "the catalogue says '" + action + "' never answers '" + word + "'; it answers " + spec.answers()
        + " (or '" + ActionSpec.ERROR_WORD + "')";
  }

  private Optional<ActionSpec> spec(String name) {
    return catalogue.find(name);
  }
}
