package dev.trafficlight.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.trafficlight.core.engine.Services;
import dev.trafficlight.core.engine.Settings;
import dev.trafficlight.core.port.Instruction;
import dev.trafficlight.core.scenario.Calls;
import dev.trafficlight.core.scenario.Scenario;
import dev.trafficlight.core.servers.FixedServers;
import dev.trafficlight.core.servers.HomeserverCalls;
import dev.trafficlight.core.view.CaseState;
import dev.trafficlight.testing.ManualExecutor;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Coordinator-side calls run off the engine's lock, are bounded by a timeout, and are checked when loaded. */
class CallStepsTest {
  private final ManualExecutor callThreads = new ManualExecutor();
  private final List<String> made = new CopyOnWriteArrayList<>();
  private final HomeserverCalls fake = (name, server, args, timeout) -> {
    made.add(name + " " + args + " on " + server.path("cs_api").asText() + " within " + timeout.toSeconds() + "s");
    if (args.path("username").asText().equals("taken")) throw new HomeserverCalls.CallFailure("M_USER_IN_USE", false);
    if (name.equals("wait_for_event")) throw new HomeserverCalls.CallFailure("nothing came", true);
    return Json.object().put("user_id", "@" + args.path("username").asText() + ":hs").put("access_token", "tok");
  };
  private final EngineFixture f = new EngineFixture(Settings.defaults(), new Services(new FixedServers(Settings.localHomeservers()),
      new ManualExecutor(), fake, callThreads, Duration.ofSeconds(1)));

  private void scenario(String username, String wait) {
    f.coordinator.add(ScenarioReaderTest.yaml("""
        name: calls
        roles: {alice: element-web}
        servers: [hs]
        steps:
          - name: helper
            call: register_user
            with: {username: %s, password: pw}
            as: bob
            timeout: 20s
          - do: {alice: {action: invite_user, data: {userId: "${bob.user_id}"}}}
        %s
        """.formatted(username, wait.indent(2))));
    f.register("a", "element-web");
  }

  @Test
  void a_call_runs_off_the_lock_and_its_result_is_read_like_an_answer() {
    scenario("bob", "");
    assertEquals(List.of(), made, "nothing is called under the engine's lock");
    assertInstanceOf(Instruction.Idle.class, f.poll("a"), "the case waits for the call");
    assertEquals(1, callThreads.runAll());
    assertEquals(List.of("register_user {\"username\":\"bob\",\"password\":\"pw\"} on http://localhost:8008 within 20s"), made);
    assertEquals("@bob:hs", f.data("a").path("userId").asText());
  }

  @Test
  void a_call_that_fails_ends_the_case_in_error_and_one_whose_awaited_event_never_came_fails_it() {
    scenario("taken", "");
    callThreads.runAll();
    assertEquals(CaseState.ERROR, f.only().state());
    assertEquals("call 'helper' (register_user) failed: M_USER_IN_USE", f.only().reason());

    EngineFixture g = new EngineFixture(Settings.defaults(), new Services(new FixedServers(Settings.localHomeservers()),
        new ManualExecutor(), fake, callThreads, Duration.ofSeconds(1)));
    g.coordinator.add(ScenarioReaderTest.yaml("""
        name: waits
        roles: {alice: element-web}
        servers: [hs]
        steps:
          - {call: wait_for_event, with: {access_token: t, room_id: "!r"}}
        """));
    g.register("a", "element-web");
    callThreads.runAll();
    assertEquals(CaseState.FAILED, g.only().state());
    assertEquals("call 'step-1' (wait_for_event) failed: nothing came", g.only().reason());
  }

  @Test
  void a_call_that_never_returns_ends_the_case_at_its_timeout_and_its_late_result_is_dropped() {
    scenario("bob", "");
    f.advance(Duration.ofSeconds(26));
    assertEquals(CaseState.ERROR, f.only().state());
    assertEquals("call 'helper' (register_user) did not return within 20s", f.only().reason());
    callThreads.runAll();
    assertEquals(CaseState.ERROR, f.only().state(), "the late result changes nothing");
    assertInstanceOf(Instruction.Exit.class, f.poll("a"));
  }

  @Test
  void a_coordinator_without_calls_says_so() {
    EngineFixture g = new EngineFixture();
    g.coordinator.add(ScenarioReaderTest.yaml("roles: {a: x}\nservers: [hs]\nsteps: [{call: login, with: {username: u, password: p}}]\n"));
    g.register("a", "x");
    assertEquals("call 'step-1' (login) failed: this coordinator makes no homeserver calls of its own", g.only().reason());
  }

  @Test
  void the_builder_says_the_same() {
    Scenario s = Scenario.builder("b").role("alice", "element-web").servers("hs")
        .call("helper", "register_user", null, Json.object().put("username", "bob").put("password", "pw"), "bob")
        .step("invite", "alice", "invite_user", Json.object().put("userId", "${bob.user_id}")).build();
    f.coordinator.add(s);
    f.register("b", "element-web");
    callThreads.runAll();
    assertEquals("@bob:hs", f.data("b").path("userId").asText());
  }

  private static String problem(String steps) {
    return ScenarioReaderTest.problem("roles: {a: x}\nservers: [hs, other]\nsteps:\n" + steps).getMessage();
  }

  @Test
  void misuse_is_named_with_its_line() {
    assertEquals("test.yaml:5: no call is named 'register'; the coordinator can " + Calls.names(),
        problem("  - server: hs\n    call: register\n"));
    assertEquals("test.yaml:4: call 'login' must name its 'server': the scenario has [hs, other]",
        problem("  - call: login\n    with: {username: u, password: p}\n"));
    assertEquals("test.yaml:6: login needs 'password'; it takes [username, password]",
        problem("  - call: login\n    server: hs\n    with: {username: u}\n"));
    assertEquals("test.yaml:6: send_message takes no 'text'; it takes [access_token, room_id, body] and optionally [msgtype]",
        problem("  - call: send_message\n    server: hs\n    with: {access_token: t, room_id: r, body: b, text: x}\n"));
    assertEquals("test.yaml:6: a call's timeout is above 0 and at most 10m",
        problem("  - call: login\n    server: hs\n    timeout: 1h\n    with: {username: u, password: p}\n"));
    assertEquals("test.yaml:5: 'elsewhere' is not a server of this scenario; servers are [hs, other]",
        problem("  - call: login\n    server: elsewhere\n    with: {username: u, password: p}\n"));
    assertEquals("test.yaml:7: call result 'a' clashes with a role, server or variable of that name",
        problem("  - call: login\n    server: hs\n    with: {username: u, password: p}\n    as: a\n"));
  }

}
