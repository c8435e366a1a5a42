package dev.trafficlight.core;

import dev.trafficlight.testing.Answers;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trafficlight.core.view.CaseState;
import dev.trafficlight.core.view.CaseView;
import dev.trafficlight.core.view.CoordinatorEvent;
import dev.trafficlight.core.view.TimelineEntry;
import dev.trafficlight.core.port.Instruction;
import dev.trafficlight.core.port.Receipt;
import dev.trafficlight.core.scenario.Scenario;
import java.util.List;
import org.junit.jupiter.api.Test;

class CaseLifecycleTest {
  private final EngineFixture f = new EngineFixture();

  private void twoStepScenario() {
    f.coordinator.add(ScenarioReaderTest.yaml("""
        name: pair
        roles: {alice: element-web, bob: hydrogen-web}
        steps:
          - name: both_register
            do: {alice: register, bob: register}
          - name: alice_sends
            do: {alice: send_message}
        """));
  }

  @Test
  void a_case_waits_then_runs_then_passes_and_everyone_exits() {
    twoStepScenario();
    assertEquals(CaseState.WAITING, f.only().state());
    f.register("a", "element-web");
    assertEquals(List.of("no client matched role bob (type=hydrogen-web)"), f.only().waitingFor());
    assertInstanceOf(Instruction.Idle.class, f.poll("a"));
    f.register("b", "hydrogen-web");
    assertEquals(CaseState.RUNNING, f.only().state());

    Instruction.Action forAlice = f.action("a");
    assertEquals("register", forAlice.name());
    assertEquals(forAlice, f.poll("a"), "the outstanding action comes again until answered");
    assertEquals("register", f.action("b").name());
    f.done("a");
    assertInstanceOf(Instruction.Idle.class, f.poll("a"), "alice waits for bob in a parallel step");
    assertEquals("both_register", f.only().currentStep());
    f.done("b");
    assertEquals("send_message", f.action("a").name());
    assertInstanceOf(Instruction.Idle.class, f.poll("b"));
    f.done("a");

    CaseView done = f.only();
    assertEquals(CaseState.PASSED, done.state());
    assertEquals(List.of("both_register", "alice_sends"), done.visitedSteps());
    assertTrue(((Instruction.Exit) f.poll("a")).reason().startsWith("case pair[element-web, hydrogen-web] passed"));
    assertInstanceOf(Instruction.Exit.class, f.poll("b"));
    assertTrue(f.events.stream().anyMatch(e -> e instanceof CoordinatorEvent.CaseEnded));
  }

  @Test
  void an_unknown_client_is_told_to_exit() {
    assertEquals("no record of this UUID", ((Instruction.Exit) f.poll("stranger")).reason());
    assertEquals(Receipt.Status.UNKNOWN_CLIENT, f.done("stranger").status());
  }

  @Test
  void a_stale_answer_changes_nothing() {
    twoStepScenario();
    f.register("a", "element-web");
    f.register("b", "hydrogen-web");
    Instruction.Action first = f.action("a");
    Receipt stale = f.coordinator.answer("a", "not-" + first.id(), Answers.word("done"));
    assertEquals(Receipt.Status.STALE, stale.status());
    assertEquals(first, f.poll("a"));
    assertEquals(Receipt.Status.OK, f.coordinator.answer("a", first.id(), Answers.of("{}")).status());
    Receipt again = f.coordinator.answer("a", first.id(), Answers.of("{}"));
    assertEquals(Receipt.Status.NO_ACTION, again.status(), "a retried answer finds no outstanding action");
    assertNull(f.only().members().get("alice").pendingAction());
    assertEquals("register", f.only().members().get("bob").pendingAction());
  }

  @Test
  void re_registering_is_harmless_when_idle_and_refused_in_a_case() {
    twoStepScenario();
    assertTrue(f.register("a", "element-web").isOk());
    assertTrue(f.register("a", "element-web").isOk());
    assertEquals(1, f.coordinator.clients().size());
    f.register("b", "hydrogen-web");
    Receipt refused = f.register("a", "element-web");
    assertEquals(Receipt.Status.REFUSED, refused.status());
    assertTrue(refused.message().contains("is in case pair[element-web, hydrogen-web] as alice"), refused.message());
    assertEquals(CaseState.RUNNING, f.only().state());
  }

  @Test
  void an_action_error_fails_the_case_and_every_client_is_told_to_exit() {
    twoStepScenario();
    f.register("a", "element-web");
    f.register("b", "hydrogen-web");
    f.action("a");
    f.coordinator.fail("a", null, Answers.failure(Json.parse("{\"error\": {\"type\": \"action\", \"details\": \"room not found\\n at x.js:1\", \"path\": \"/x\"}}")));
    CaseView kase = f.only();
    assertEquals(CaseState.FAILED, kase.state());
    assertTrue(kase.reason().contains("alice (element-web 1.0, a) reported an action failure at step 'both_register': room not found"), kase.reason());
    assertEquals("room not found\n at x.js:1", kase.errorDetails().path("error").path("details").asText());
    Instruction.Exit bobExit = (Instruction.Exit) f.poll("b");
    assertTrue(bobExit.reason().contains("failed"), bobExit.reason());
  }

  @Test
  void any_other_error_type_puts_the_case_in_error() {
    twoStepScenario();
    f.register("a", "element-web");
    f.register("b", "hydrogen-web");
    f.coordinator.fail("b", null, Answers.failure(Json.parse("{\"error\": {\"type\": \"unknown\"}}")));
    assertEquals(CaseState.ERROR, f.only().state());
    f.coordinator.fail("b", null, Answers.failure(Json.parse("{}")));
    assertEquals(CaseState.ERROR, f.only().state(), "a lenient error after the end changes nothing");
    assertInstanceOf(Instruction.Exit.class, f.poll("a"));
  }

  @Test
  void answers_flow_into_later_steps_and_checks() {
    f.coordinator.add(Scenario.builder("flow")
        .role("alice", "element-web").role("bob", "element-web").servers("hs")
        .variable("greeting", "hello ${case.id}")
        .step("register", "bob", "register", null)
        .step("invite", "alice", "invite_user", Json.object().put("userId", "${bob.user_id}")
            .set("details", Json.parse("{\"at\": \"${hs.server_name}\", \"who\": \"${bob.device}\"}")))
        .step("send", "alice", "send_message", Json.object().put("message", "${greeting}"))
        .check("check_reply", "${alice.echo}", dev.trafficlight.core.scenario.Step.CheckOperator.CONTAINS, "hello")
        .build());
    f.register("a", "element-web");
    f.register("b", "element-web");
    String bob = f.only().members().get("bob").uuid();
    String alice = f.only().members().get("alice").uuid();
    f.action(bob);
    f.answer(bob, "{\"response\": \"registered\", \"user_id\": \"@b:hs\", \"device\": {\"id\": \"DEV\"}}");
    assertEquals("{\"userId\":\"@b:hs\",\"details\":{\"at\":\"localhost\",\"who\":{\"id\":\"DEV\"}}}", f.data(alice).toString());
    f.done(alice);
    assertEquals("hello flow[element-web, element-web]", f.data(alice).path("message").asText());
    f.answer(alice, "{\"response\": \"sent\", \"echo\": \"why hello\"}");
    assertEquals(CaseState.PASSED, f.only().state());
  }

  @Test
  void a_failing_check_fails_the_case_with_a_clear_message() {
    f.coordinator.add(ScenarioReaderTest.yaml("""
        name: checked
        roles: {alice: element-web}
        steps:
          - do: {alice: get_timeline}
          - name: has_hello
            check: "${alice.timeline}"
            contains: hello
            message: alice's timeline lacks the greeting
        """));
    f.register("a", "element-web");
    f.action("a");
    f.answer("a", "{\"response\": \"got_timeline\", \"timeline\": [\"bye\"]}");
    CaseView kase = f.only();
    assertEquals(CaseState.FAILED, kase.state());
    assertEquals("check 'has_hello' failed: alice's timeline lacks the greeting: expected ${alice.timeline} (= '[\"bye\"]') contains 'hello'", kase.reason());
  }

  @Test
  void a_reference_to_an_answer_that_never_came_is_a_case_error_naming_variable_and_step() {
    f.coordinator.add(ScenarioReaderTest.yaml("""
        name: missing
        roles: {alice: element-web, bob: element-web}
        steps:
          - do: {bob: register}
          - name: invite
            do: {alice: {action: invite_user, data: {userId: "${bob.user_id}"}}}
        """));
    f.register("a", "element-web");
    f.register("b", "element-web");
    String bob = f.only().members().get("bob").uuid();
    f.action(bob);
    f.answer(bob, "{\"response\": \"registered\"}");
    CaseView kase = f.only();
    assertEquals(CaseState.ERROR, kase.state());
    assertTrue(kase.reason().startsWith("step 'invite': undefined variable ${bob.user_id} in alice's action"), kase.reason());
  }

  @Test
  void branches_follow_the_answer_word_and_any_other_word_moves_on() {
    f.coordinator.add(ScenarioReaderTest.yaml("""
        name: branching
        roles: {alice: element-web}
        steps:
          - name: login
            do: {alice: login}
            on: {alice: {no_account: register, error: failed}}
            next: send
          - name: register
            do: {alice: register}
          - name: send
            do: {alice: send_message}
            on: {alice: {error: {failed: sending failed}}}
        """));
    f.register("a", "element-web");
    f.action("a");
    f.answer("a", "{\"response\": \"no_account\"}");
    assertEquals("register", f.action("a").name());
    f.answer("a", "{\"response\": \"registered\"}");
    assertEquals("send_message", f.action("a").name());
    f.answer("a", "{\"response\": \"error\"}");
    assertEquals(CaseState.FAILED, f.only().state());
    assertEquals("sending failed", f.only().reason());
    assertEquals(List.of("login", "register", "send"), f.only().visitedSteps());
  }

  @Test
  void an_empty_answer_moves_on() {
    f.coordinator.add(ScenarioReaderTest.yaml("roles: {alice: element-android}\nsteps: [{do: {alice: reload}}]\n"));
    f.register("a", "element-android");
    f.action("a");
    f.coordinator.answer("a", null, Answers.of("{}"));
    assertEquals(CaseState.PASSED, f.only().state());
    List<TimelineEntry> answers = f.only().timeline().stream().filter(e -> e.kind() == TimelineEntry.Kind.ANSWER).toList();
    assertEquals(1, answers.size());
    assertEquals("", answers.get(0).name());
  }

  @Test
  void artifacts_attach_to_the_case_even_after_it_ended() {
    f.coordinator.add(ScenarioReaderTest.yaml("roles: {alice: element-web}\nsteps: [{do: {alice: reload}}]\n"));
    f.register("a", "element-web");
    f.action("a");
    f.done("a");
    Receipt r = f.coordinator.attach("a", f.coordinator.caseOf("a").orElse(null), new dev.trafficlight.core.port.Artifact("video.mp4", "/tmp/x", 10, "video/mp4"));
    assertTrue(r.isOk());
    assertEquals("video.mp4", f.only().artifacts().get(0).name());
    assertEquals(f.only().id(), f.coordinator.caseOf("a").orElseThrow());
    assertNull(f.coordinator.caseOf("nobody").orElse(null));
  }

  @Test
  void a_loop_made_only_of_checks_ends_the_case_in_error_instead_of_spinning() {
    f.coordinator.add(ScenarioReaderTest.yaml("""
        name: spin
        roles: {alice: element-web}
        steps:
          - {name: again, check: "x", equals: "x", next: again}
        """));
    f.register("a", "element-web");
    CaseView kase = f.only();
    assertEquals(CaseState.ERROR, kase.state());
    assertEquals("1000 checks or skipped steps in a row with no action, wait or call between them at step 'again': the steps loop", kase.reason());
    assertInstanceOf(Instruction.Exit.class, f.poll("a"));
  }

  @Test
  void a_pattern_may_use_references() {
    f.coordinator.add(ScenarioReaderTest.yaml("""
        name: pattern
        roles: {alice: element-web}
        variables: {name: "alice_${case.token}"}
        steps:
          - do: {alice: {action: register, data: {username: "${name}"}}}
          - check: "${alice.user_id}"
            matches: "^@${name}:"
        """));
    f.register("a", "element-web");
    String username = f.data("a").path("username").asText();
    f.answer("a", "{\"response\": \"registered\", \"user_id\": \"@" + username + ":hs\"}");
    assertEquals(CaseState.PASSED, f.only().state(), f.only().reason());
  }

  @Test
  void a_pattern_that_cannot_compile_is_a_case_error_naming_the_step() {
    f.coordinator.add(Scenario.builder("bad_pattern").role("alice", "element-web")
        .variable("p", "([unclosed")
        .step("reg", "alice", "register", null)
        .check("look", "${alice.response}", dev.trafficlight.core.scenario.Step.CheckOperator.MATCHES, "${p}")
        .build());
    f.register("a", "element-web");
    f.action("a");
    f.done("a");
    assertEquals(CaseState.ERROR, f.only().state());
    assertTrue(f.only().reason().startsWith("step 'look': its pattern is not a regular expression: missing closing ] (at '[unclosed')"), f.only().reason());
  }
}
