package dev.trafficlight.servers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trafficlight.core.Json;
import dev.trafficlight.core.engine.Coordinator;
import dev.trafficlight.core.engine.Services;
import dev.trafficlight.core.engine.Settings;
import dev.trafficlight.core.port.Instruction;
import dev.trafficlight.core.scenario.ScenarioReader;
import dev.trafficlight.core.view.CaseState;
import dev.trafficlight.core.view.CaseView;
import dev.trafficlight.core.view.TimelineEntry;
import dev.trafficlight.testing.Answers;
import dev.trafficlight.testing.Conditions;
import dev.trafficlight.testing.ManualClock;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A scenario whose coordinator registers a helper user, makes a room, talks and waits beside a real client. */
class CoordinatorCallsTest {
  private static final Duration SOON = Duration.ofSeconds(10);
  private final MockWebServer hs = new MockWebServer();
  /** What the fake homeserver heard: "METHOD path", in order. */
  private final List<String> heard = new CopyOnWriteArrayList<>();
  /** Set when alice has "sent" her reply: the next /sync carries it. */
  private volatile boolean replied;
  /** Whom the room was made for: the reply comes from them. */
  private volatile String invited = "@alice:hs1";
  /** Whom the coordinator registered as bob. */
  private volatile String bobId;
  private Coordinator coordinator;

  CoordinatorCallsTest() throws IOException {
    hs.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest r) {
        String path = r.getRequestUrl().encodedPath();
        heard.add(r.getMethod() + " " + path);
        JsonNode body = r.getBodySize() > 0 ? Json.parse(r.getBody().readUtf8()) : Json.object();
        if (path.endsWith("/register")) {
          String user = "@" + body.path("username").asText() + ":hs1";
          if (user.startsWith("@bob")) bobId = user;
          return new MockResponse().setBody("{\"user_id\": \"" + user + "\", \"access_token\": \"bobtoken\", \"device_id\": \"B\"}");
        }
        if (path.endsWith("/createRoom")) {
          invited = body.path("invite").path(0).asText();
          return new MockResponse().setBody("{\"room_id\": \"!room:hs1\"}");
        }
        if (path.contains("/send/")) return new MockResponse().setBody("{\"event_id\": \"$hello\"}");
        String events = replied ? "[{\"type\": \"m.room.message\", \"sender\": \"" + invited + "\", \"event_id\": \"$reply\", "
            + "\"content\": {\"body\": \"hi bob\"}}]" : "[]";
        return new MockResponse().setBody("{\"next_batch\": \"n" + heard.size() + "\", \"rooms\": {\"join\": {\"!room:hs1\": "
            + "{\"timeline\": {\"events\": " + events + "}}}}}").setBodyDelay(replied ? 0 : 50, java.util.concurrent.TimeUnit.MILLISECONDS);
      }
    });
    hs.start();
  }

  @AfterEach
  void stop() throws IOException {
    if (coordinator != null) coordinator.close();
    hs.shutdown();
  }

  private static final String SCENARIO = """
      name: helper
      roles: {alice: element-web}
      servers: [hs]
      steps:
        - name: make_bob
          call: register_user
          with: {username: "bob_${case.token}", password: pw}
          as: bob
        - name: make_room
          call: create_room
          with: {access_token: "${bob.access_token}", name: talk, invite: ["@alice:hs1"]}
          as: room
        - name: join
          do: {alice: {action: accept_invite, data: {room_id: "${room.room_id}"}}}
        - name: hello
          call: send_message
          with: {access_token: "${bob.access_token}", room_id: "${room.room_id}", body: hello}
        - name: reply
          do: {alice: {action: send_message, data: {message: "hi bob"}}}
        - name: bob_sees_reply
          call: wait_for_event
          with: {access_token: "${bob.access_token}", room_id: "${room.room_id}", like: {content.body: "hi bob"}}
          as: seen
          timeout: 5s
        - check: "${seen.sender}"
          equals: "@alice:hs1"
      """;

  private CaseView kase() {
    return coordinator.cases().get(0);
  }

  private Instruction.Action awaitAction() throws InterruptedException {
    Instruction[] reply = new Instruction[1];
    Conditions.await(() -> (reply[0] = coordinator.current("a")) instanceof Instruction.Action, SOON,
        "alice gets an action once the coordinator's calls returned; the case says: " + kase().reason());
    return (Instruction.Action) reply[0];
  }

  @Test
  void the_coordinator_s_calls_run_beside_a_client_and_their_results_are_read_like_answers() throws Exception {
    Settings settings = Settings.defaults().withHomeservers(List.of(
        Json.object().put("server_name", "hs1").put("cs_api", hs.url("/").toString())));
    coordinator = new Coordinator(settings, new ManualClock(), Services.fixed(settings.homeservers()).withCalls(new MatrixCalls()));
    coordinator.add(ScenarioReader.parse(SCENARIO, "helper.yaml", "helper", false));
    coordinator.register("a", Json.object().put("type", "element-web"), "test", i -> { });

    Instruction.Action join = awaitAction();
    assertEquals("accept_invite", join.name());
    assertEquals("!room:hs1", join.data().path("room_id").asText(), "the room the coordinator made");
    coordinator.answer("a", join.id(), Answers.word("joined"));
    Instruction.Action reply = awaitAction();
    assertEquals("send_message", reply.name());
    replied = true;
    coordinator.answer("a", reply.id(), Answers.word("sent"));
    Conditions.await(() -> kase().state().isFinal(), SOON, "the wait sees the reply");

    CaseView done = kase();
    assertEquals(CaseState.PASSED, done.state(), done.reason());
    assertEquals(List.of("make_bob", "make_room", "join", "hello", "reply", "bob_sees_reply", "step-7"), done.visitedSteps());
    assertEquals("POST /_matrix/client/v3/register", heard.get(0));
    assertEquals("POST /_matrix/client/v3/createRoom", heard.get(1));
    assertTrue(heard.get(2).startsWith("PUT /_matrix/client/v3/rooms/!room:hs1/send/m.room.message/"), heard.get(2));
    assertTrue(heard.stream().skip(3).allMatch(h -> h.equals("GET /_matrix/client/v3/sync")), heard.toString());
    JsonNode returned = done.timeline().stream().filter(e -> e.kind() == TimelineEntry.Kind.CALL && "returned".equals(e.name())
        && "bob_sees_reply".equals(e.step())).findFirst().orElseThrow().data();
    assertEquals("$reply", returned.path("event_id").asText(), "the timeline shows what each call returned");
  }

  /** Answers like a Matrix client adapter; its reply is what the fake homeserver's /sync then carries. */
  private JsonNode alice(String action, JsonNode data) {
    if (action.equals("send_message")) replied = true;
    if (action.equals("get_timeline")) {
      return Json.parse("{\"response\": \"got_timeline\", \"timeline\": [{\"type\": \"m.room.message\", \"sender\": "
          + "\"" + bobId + "\", \"content\": {\"body\": \"hello alice\"}}, {\"type\": \"m.room.encrypted\"}]}");
    }
    return Json.object().put("response", "done");
  }

  @ParameterizedTest
  @ValueSource(strings = {"element-web", "element-android"})
  void the_helper_user_example_passes_for_web_and_mobile_with_a_warning(String type) throws Exception {
    Settings settings = Settings.defaults().withHomeservers(List.of(
        Json.object().put("server_name", "hs1").put("cs_api", hs.url("/").toString())));
    coordinator = new Coordinator(settings, new ManualClock(), Services.fixed(settings.homeservers()).withCalls(new MatrixCalls()));
    dev.trafficlight.core.scenario.Scenario example = ScenarioReader.read(java.nio.file.Path.of("examples/lab/helper_user.yaml"));
    coordinator.add(example, id -> id.contains(type));
    coordinator.register("a", Json.object().put("type", type), "test", i -> { });
    List<String> done = new CopyOnWriteArrayList<>();
    long deadline = System.nanoTime() + SOON.toNanos();
    while (!kase().state().isFinal()) {
      if (System.nanoTime() > deadline) throw new AssertionError("the case did not end: " + kase().currentStep());
      Instruction reply = coordinator.current("a");
      if (reply instanceof Instruction.Action a) {
        done.add(a.name());
        coordinator.answer("a", a.id(), Answers.of(alice(a.name(), a.data()).deepCopy()));
      } else {
        Thread.sleep(5); // the coordinator's calls run on their own threads; poll as an adapter would
      }
    }
    CaseView kase = kase();
    assertEquals(CaseState.PASSED, kase.state(), kase.reason());
    assertEquals(type.equals("element-web") ? List.of("register", "accept_invite", "get_timeline", "send_message")
        : List.of("login", "accept_invite", "get_timeline", "send_message"), done);
    assertEquals(List.of("check 'nothing_undecryptable': some event stayed encrypted: expected ${alice.timeline} (2 elements) "
        + "has no element like {\"type\":\"m.room.encrypted\"}"), kase.warnings());
  }

  @Test
  void a_failing_call_puts_the_case_in_error_with_the_homeserver_s_words() throws Exception {
    hs.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest r) {
        return new MockResponse().setResponseCode(403).setBody("{\"errcode\": \"M_FORBIDDEN\", \"error\": \"Registration is disabled\"}");
      }
    });
    Settings settings = Settings.defaults().withHomeservers(List.of(
        Json.object().put("server_name", "hs1").put("cs_api", hs.url("/").toString())));
    coordinator = new Coordinator(settings, new ManualClock(), Services.fixed(settings.homeservers()).withCalls(new MatrixCalls()));
    coordinator.add(ScenarioReader.parse(SCENARIO, "helper.yaml", "helper", false));
    coordinator.register("a", Json.object().put("type", "element-web"), "test", i -> { });
    Conditions.await(() -> kase().state().isFinal(), SOON, "the case ends");
    assertEquals(CaseState.ERROR, kase().state());
    assertEquals("call 'make_bob' (register_user) failed: register_user: " + hs.url("/") + " answered 403 M_FORBIDDEN "
        + "Registration is disabled", kase().reason());
    assertTrue(coordinator.current("a") instanceof Instruction.Exit);
  }
}
