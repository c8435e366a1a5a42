package dev.trafficlight.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trafficlight.core.scenario.Functions;
import dev.trafficlight.core.scenario.ScenarioException;
import dev.trafficlight.core.scenario.Template;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The functions ${...} may call, their bounds, and the mistakes validate names. */
class TemplateFunctionsTest {
  private final JsonNode vars = Json.parse("""
      {"hs": {"server_name": "hs1", "cs_api": "http://localhost:8008"},
       "call": {"url": "https://call.example/room?password=x&", "name": "Alice Smith"},
       "bob": {"timeline": [1, 2, 3]}, "big": {"text": "xxxxxxxxxxxxxxxx"}}
      """);
  private final Template.Lookup lookup = name -> Optional.ofNullable(vars.get(name));

  private String eval(String template) {
    return Json.text(Template.resolve(Json.parse("\"" + template.replace("\"", "\\\"") + "\""), lookup));
  }

  @Test
  void each_function_does_what_the_language_reference_says() {
    assertEquals("http://10.0.2.2:8008", eval("${replace(hs.cs_api, 'localhost', '10.0.2.2')}"));
    assertEquals("https://call.example/room?password=x", eval("${trim_suffix(call.url, '&')}"));
    assertEquals("call.example/room?password=x&", eval("${trim_prefix(call.url, \"https://\")}"));
    assertEquals("alice smith", eval("${lower(call.name)}"));
    assertEquals("ALICE SMITH", eval("${upper(call.name)}"));
    assertEquals("a b", eval("${trim('  a b ')}"));
    assertEquals("@alice:hs1", eval("${concat('@', lower(trim_suffix(call.name, ' Smith')), ':', hs.server_name)}"));
    assertEquals("user on hs1 has 3 events", eval("user on ${hs.server_name} has ${count(bob.timeline)} events"));
  }

  @Test
  void a_whole_value_function_keeps_its_json_type() {
    assertEquals(3, Template.resolve(Json.parse("\"${count(bob.timeline)}\""), lookup).intValue());
  }

  @Test
  void a_function_may_not_make_more_than_its_bound() {
    String huge = "${replace(replace(replace(replace(big.text, 'x', 'xxxxxxxxxx'), 'x', 'xxxxxxxxxx'), 'x', 'xxxxxxxxxx'), 'x', 'xxxxxxxxxx')}";
    Template.EvaluationError e = assertThrows(Template.EvaluationError.class, () -> eval(huge));
    assertEquals("replace(...) makes " + e.getMessage().replaceAll("\\D+(\\d+).*", "$1") + " characters; at most "
        + Functions.MAX_OUTPUT + " are allowed", e.getMessage());
    assertThrows(Template.EvaluationError.class, () -> eval("${count(hs.server_name)}"));
  }

  @Test
  void a_misused_function_is_named_with_its_line() {
    ScenarioException unknown = ScenarioReaderTest.problem("""
        roles: {alice: element-web}
        servers: [hs]
        steps:
          - do: {alice: {action: register, data: {url: "${rewrite(hs.cs_api)}"}}}
        """);
    assertEquals("test.yaml:4: ${rewrite(hs.cs_api)}: no function is named 'rewrite'; there are " + Functions.names(),
        unknown.getMessage());
    ScenarioException arity = ScenarioReaderTest.problem("""
        roles: {alice: element-web}
        servers: [hs]
        variables:
          url: "${replace(hs.cs_api, 'localhost')}"
        steps: [{do: {alice: reload}}]
        """);
    assertEquals("test.yaml:4: ${replace(hs.cs_api, 'localhost')}: replace takes 3 arguments, not 2: replace(text, old, new)",
        arity.getMessage());
    assertEquals("test.yaml:3: ${lower(hs.cs_api}: 'lower(' is not closed", ScenarioReaderTest.problem(
        "roles: {alice: element-web}\nservers: [hs]\nvariables: {u: \"${lower(hs.cs_api}\"}\nsteps: [{do: {alice: reload}}]\n")
        .getMessage());
    assertEquals("test.yaml:3: undefined variable ${room}: it names no variable defined above, server, role, or case.[id, "
        + "scenario, token]", ScenarioReaderTest.problem(
        "roles: {alice: element-web}\nsteps:\n  - do: {alice: {action: x, data: {n: \"${upper(room)}\"}}}\n").getMessage());
  }
}
