package dev.trafficlight.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trafficlight.core.scenario.Scenario;
import dev.trafficlight.core.scenario.ScenarioException;
import dev.trafficlight.core.scenario.ScenarioReader;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScenarioBuilderTest {

  @Test
  void the_builder_makes_the_same_model_as_a_file() {
    Scenario built = Scenario.builder("hello")
        .role("alice", "element-web", "hydrogen-web")
        .role("bob", Map.of("version", ">=1.0"), "element-android")
        .servers("hs")
        .variable("room", "room-${case.token}")
        .step("create", s -> s.action("alice", "create_room", Json.object().put("name", "${room}"))
            .failOn("alice", "error", "no room"))
        .build();
    Scenario read = ScenarioReader.parse("""
        name: hello
        roles:
          alice: [element-web, hydrogen-web]
          bob: {type: element-android, version: ">=1.0"}
        servers: [hs]
        variables: {room: "room-${case.token}"}
        steps:
          - name: create
            do: {alice: {action: create_room, data: {name: "${room}"}}}
            on: {alice: {error: {failed: no room}}}
        """, "x", "x", false);
    assertEquals(read.roles(), built.roles());
    assertEquals(read.steps(), built.steps());
    assertEquals(read.variables(), built.variables());
    assertEquals(read.servers(), built.servers());
  }

  @Test
  void the_builder_validates_like_the_reader() {
    ScenarioException e = assertThrows(ScenarioException.class, () -> Scenario.builder("bad")
        .role("alice", "element-web")
        .step("s", "alice", "send_message", Json.object().put("message", "${nope}"))
        .build());
    assertTrue(e.getMessage().contains("undefined variable ${nope}"), e.getMessage());
  }
}
