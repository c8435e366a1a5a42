package dev.trafficlight.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trafficlight.core.scenario.Expression;
import dev.trafficlight.core.scenario.Template;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Paths into answers: fields, indexes from either end, and filters that find an element by a field. */
class TemplatePathsTest {
  private final JsonNode vars = Json.parse("""
      {"bob": {"timeline": [
         {"sender": "@alice:hs", "content": {"body": "hi there!"}, "event_id": "$1"},
         {"sender": "@bob:hs", "content": {"body": "hello"}, "event_id": "$2"},
         {"sender": "@alice:hs", "content": {"body": "bye"}, "event_id": "$3"}]}}
      """);
  private final Template.Lookup lookup = name -> Optional.ofNullable(vars.get(name));

  private String eval(String template) {
    return Json.text(Template.resolve(Json.parse("\"" + template.replace("\"", "\\\"") + "\""), lookup));
  }

  @Test
  void a_filter_finds_the_first_element_whose_field_has_the_value_whatever_the_field_order() {
    assertEquals("$2", eval("${bob.timeline[sender='@bob:hs'].event_id}"));
    assertEquals("$3", eval("${bob.timeline[content.body=\"bye\"].event_id}"));
    assertEquals("hi there!", eval("${bob.timeline[sender = '@alice:hs'].content.body}"), "the first match");
  }

  @Test
  void indexes_count_from_the_start_or_from_the_end() {
    assertEquals("hi there!", eval("${bob.timeline[0].content.body}"));
    assertEquals("hi there!", eval("${bob.timeline.0.content.body}"));
    assertEquals("bye", eval("${bob.timeline[-1].content.body}"));
  }

  @Test
  void a_path_that_leads_nowhere_is_an_undefined_reference_naming_the_path() {
    assertEquals("bob.timeline[sender='@carol:hs'].event_id", assertThrows(Template.UndefinedReference.class,
        () -> eval("${bob.timeline[sender='@carol:hs'].event_id}")).reference());
    assertThrows(Template.UndefinedReference.class, () -> eval("${bob.timeline[7]}"));
  }

  @Test
  void filters_look_through_a_bounded_number_of_elements() {
    StringBuilder many = new StringBuilder("{\"big\": {\"list\": [");
    for (int i = 0; i <= Template.MAX_SCAN; i++) many.append(i == 0 ? "" : ",").append("{\"n\": ").append(i).append('}');
    JsonNode big = Json.parse(many.append("]}}").toString());
    Template.EvaluationError e = assertThrows(Template.EvaluationError.class,
        () -> Template.resolve(Json.parse("\"${big.list[n=-5]}\""), name -> Optional.ofNullable(big.get(name))));
    assertEquals("${big.list[n=-5]} looks through more than 100000 list elements", e.getMessage());
  }

  @Test
  void a_path_has_a_bounded_length_and_a_filter_its_own_syntax() {
    String deep = "a" + ".b".repeat(Expression.MAX_SEGMENTS + 1);
    assertEquals("${" + deep + "}: a path has at most 32 parts",
        assertThrows(Expression.SyntaxError.class, () -> Expression.parse(deep)).getMessage());
    assertEquals("${bob.timeline[sender]}: a filter is written [field='value'], e.g. [sender='@bob:hs']",
        assertThrows(Expression.SyntaxError.class, () -> Expression.parse("bob.timeline[sender]")).getMessage());
    assertEquals("test.yaml:3: ${bob.timeline[sender='x'}: '[' is not closed", ScenarioReaderTest.problem(
        "roles: {bob: element-web}\nsteps:\n  - do: {bob: {action: x, data: {n: \"${bob.timeline[sender='x'}\"}}}\n").getMessage());
  }
}
