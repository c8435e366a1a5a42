package dev.trafficlight.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.IntNode;
import dev.trafficlight.core.scenario.Scenario;
import dev.trafficlight.core.scenario.Step;
import dev.trafficlight.core.view.CaseState;
import dev.trafficlight.core.view.CaseView;
import org.junit.jupiter.api.Test;

/** Checks over lists: any, all, none and count, matching elements by their fields whatever the field order. */
class ListChecksTest {
  private static final String TIMELINE = """
      {"response": "got_timeline", "timeline": [
        {"type": "m.room.message", "sender": "@alice:hs", "content": {"body": "hi there!"}},
        {"content": {"body": "hello"}, "sender": "@bob:hs", "type": "m.room.message"},
        {"type": "m.room.member", "sender": "@bob:hs", "content": {"membership": "join"}}]}
      """;

  private CaseView run(String check) {
    return run(check, TIMELINE);
  }

  private CaseView run(String check, String answer) {
    EngineFixture f = new EngineFixture();
    f.coordinator.add(ScenarioReaderTest.yaml("""
        name: lists
        roles: {bob: element-web}
        steps:
          - do: {bob: get_timeline}
          - name: look
        """ + check.indent(4)));
    f.register("b", "element-web");
    f.answer("b", answer);
    return f.only();
  }

  @Test
  void any_holds_when_some_element_has_the_fields_given() {
    assertEquals(CaseState.PASSED, run("""
        check: "${bob.timeline}"
        any: {sender: "@alice:hs", content.body: "hi there!"}
        """).state());
    CaseView failed = run("""
        check: "${bob.timeline}"
        any: {sender: "@alice:hs", content: {body: hello}}
        message: alice's greeting is missing
        """);
    assertEquals(CaseState.FAILED, failed.state());
    assertEquals("check 'look' failed: alice's greeting is missing: expected ${bob.timeline} (3 elements) has an element "
        + "like {\"sender\":\"@alice:hs\",\"content\":{\"body\":\"hello\"}}", failed.reason());
  }

  @Test
  void none_and_all_look_at_every_element() {
    assertEquals(CaseState.PASSED, run("check: \"${bob.timeline}\"\nnone: {content.body: \"bob must not see this\"}\n").state());
    assertEquals(CaseState.FAILED, run("check: \"${bob.timeline}\"\nnone: {sender: \"@bob:hs\"}\n").state());
    assertEquals(CaseState.FAILED, run("check: \"${bob.timeline}\"\nall: {type: m.room.message}\n").state());
    assertEquals(CaseState.PASSED, run("check: \"${bob.timeline}\"\nall: {type: m.room.message}\n",
        "{\"timeline\": [{\"type\": \"m.room.message\", \"n\": 1}, {\"n\": 2, \"type\": \"m.room.message\"}]}").state());
  }

  @Test
  void count_compares_how_many_elements_there_are_or_how_many_are_like_where() {
    assertEquals(CaseState.PASSED, run("check: \"${bob.timeline}\"\ncount: 3\n").state());
    assertEquals(CaseState.PASSED, run("check: \"${bob.timeline}\"\ncount: \">= 2\"\nwhere: {type: m.room.message}\n").state());
    CaseView failed = run("check: \"${bob.timeline}\"\ncount: 1\nwhere: {sender: \"@bob:hs\"}\n");
    assertEquals("check 'look' failed: expected ${bob.timeline} has 2 elements like {\"sender\":\"@bob:hs\"}, expected 1",
        failed.reason());
  }

  @Test
  void a_value_that_is_not_a_list_fails_the_check_saying_so() {
    CaseView failed = run("check: \"${bob.response}\"\nany: got_timeline\n");
    assertEquals("check 'look' failed: expected ${bob.response} is not a list but 'got_timeline'", failed.reason());
  }

  @Test
  void the_builder_says_the_same() {
    EngineFixture f = new EngineFixture();
    f.coordinator.add(Scenario.builder("b").role("bob", "element-web").step("get", "bob", "get_timeline", null)
        .checkList("two_messages", "${bob.timeline}", Step.CheckOperator.COUNT, IntNode.valueOf(2),
            Json.object().put("type", "m.room.message"))
        .build());
    f.register("b", "element-web");
    f.answer("b", TIMELINE);
    assertEquals(CaseState.PASSED, f.only().state(), f.only().reason());
  }

  @Test
  void misuse_is_named_with_its_line() {
    assertEquals("test.yaml:5: 'count' is a number of elements, or a comparison such as '>= 2', not \"some\"",
        ScenarioReaderTest.problem("roles: {bob: x}\nsteps:\n  - do: {bob: get_timeline}\n  - check: \"${bob.timeline}\"\n    count: some\n")
            .getMessage());
    assertEquals("test.yaml:6: 'where' goes with 'count'", ScenarioReaderTest.problem(
        "roles: {bob: x}\nsteps:\n  - do: {bob: get_timeline}\n  - check: \"${bob.timeline}\"\n    any: {a: b}\n    where: {a: b}\n")
        .getMessage());
    assertEquals("test.yaml:5: 'all' says what an element looks like: a mapping of fields, or a value", ScenarioReaderTest.problem(
        "roles: {bob: x}\nsteps:\n  - do: {bob: get_timeline}\n  - check: \"${bob.timeline}\"\n    all: [a]\n").getMessage());
    assertEquals("test.yaml:4: a check has one of 'equals', 'contains', 'matches', 'any', 'all', 'none' or 'count'",
        ScenarioReaderTest.problem("roles: {bob: x}\nsteps:\n  - do: {bob: get_timeline}\n  - check: \"${bob.timeline}\"\n"
            + "    any: {a: b}\n    none: {a: c}\n").getMessage());
  }
}
