package dev.trafficlight.report;

import dev.trafficlight.testing.Answers;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trafficlight.core.Json;
import dev.trafficlight.core.engine.Coordinator;
import dev.trafficlight.core.engine.Settings;
import dev.trafficlight.core.port.Instruction;
import dev.trafficlight.core.scenario.Scenario;
import dev.trafficlight.testing.ManualClock;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import dev.trafficlight.core.view.CaseView;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

class JUnitReportTest {
  private final ManualClock clock = new ManualClock();
  private final Coordinator coordinator = new Coordinator(Settings.defaults(), clock);

  /** chat: one case passes, one fails with the client's details, one never starts. login: one errors. */
  private List<dev.trafficlight.core.view.CaseView> mixedRun() {
    coordinator.add(Scenario.builder("chat")
        .role("alice", "element-web", "hydrogen", "fluffychat")
        .role("bob", "element-web")
        .step("send", s -> s.action("alice", "send_message"))
        .step("receive", s -> s.action("bob", "wait_for_message").on("bob", "missing", "failed"))
        .build());
    coordinator.add(Scenario.builder("login").role("alice", "element-x")
        .step("login", "alice", "login", null).build());

    coordinator.register("a1", Json.object().put("type", "element-web"), "http", i -> { });
    coordinator.register("b1", Json.object().put("type", "element-web"), "http", i -> { });
    act("a1", "sent", Duration.ofMillis(1500));
    act("b1", "received", Duration.ofMillis(250));

    coordinator.register("a2", Json.object().put("type", "hydrogen"), "http", i -> { });
    coordinator.register("b2", Json.object().put("type", "element-web"), "http", i -> { });
    act("a2", "sent", Duration.ofSeconds(2));
    act("b2", "missing", Duration.ofSeconds(1));

    coordinator.register("x1", Json.object().put("type", "element-x"), "http", i -> { });
    next("x1");
    clock.advance(Duration.ofSeconds(3));
    coordinator.fail("x1", null, Answers.failure(Json.parse("{\"error\":{\"type\":\"crash\",\"details\":\"NullPointerException\\u0000 at Login.kt:12\","
        + "\"path\":\"/sdcard/log.txt\"}}")));
    return coordinator.cases();
  }

  private void act(String uuid, String response, Duration taking) {
    Instruction.Action action = next(uuid);
    clock.advance(taking);
    assertTrue(coordinator.answer(uuid, action.id(), Answers.word(response)).isOk());
  }

  private Instruction.Action next(String uuid) {
    return (Instruction.Action) coordinator.current(uuid);
  }

  @Test
  void the_report_is_valid_against_the_common_junit_schema() throws Exception {
    String xml = JUnitReport.write(mixedRun());
    SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
        .newSchema(getClass().getResource("/junit/junit.xsd"))
        .newValidator()
        .validate(new StreamSource(new StringReader(xml)));
  }

  @Test
  void the_schema_would_reject_a_report_with_a_second_outcome_or_a_wordy_count() {
    javax.xml.validation.Validator validator = assertDoesNotThrow(() -> SchemaFactory
        .newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI).newSchema(getClass().getResource("/junit/junit.xsd")).newValidator());
    String twoOutcomes = "<testsuites><testsuite name=\"s\" tests=\"1\" failures=\"1\" errors=\"1\" time=\"0\">"
        + "<testcase name=\"c\" classname=\"s\" time=\"0\"><failure type=\"x\"/><error type=\"y\"/></testcase>"
        + "</testsuite></testsuites>";
    String wordyCount = "<testsuites><testsuite name=\"s\" tests=\"many\" failures=\"0\" errors=\"0\" time=\"0\"/></testsuites>";
    for (String bad : List.of(twoOutcomes, wordyCount)) {
      assertThrows(org.xml.sax.SAXException.class, () -> validator.validate(new StreamSource(new StringReader(bad))), bad);
    }
  }

  @Test
  void each_scenario_is_a_suite_with_the_right_counts() throws Exception {
    Document doc = parse(JUnitReport.write(mixedRun()));
    Element root = doc.getDocumentElement();
    assertEquals("testsuites", root.getTagName());
    assertEquals(List.of("4", "1", "1", "1"), counts(root));
    NodeList suites = root.getElementsByTagName("testsuite");
    assertEquals(2, suites.getLength());
    Element chat = (Element) suites.item(0);
    assertEquals("chat", chat.getAttribute("name"));
    assertEquals(List.of("3", "1", "0", "1"), counts(chat));
    assertEquals("2026-01-01T00:00:00", chat.getAttribute("timestamp"));
    assertEquals("4.750", chat.getAttribute("time"), "1.75 s passed + 3 s failed + 0 s never started");
    Element login = (Element) suites.item(1);
    assertEquals(List.of("1", "0", "1", "0"), counts(login));
  }

  @Test
  void each_case_is_a_testcase_named_by_its_id_with_its_outcome_and_timeline() throws Exception {
    Document doc = parse(JUnitReport.write(mixedRun()));
    NodeList cases = doc.getElementsByTagName("testcase");
    assertEquals(4, cases.getLength());
    Element passed = (Element) cases.item(0);
    assertEquals("chat[element-web, element-web]", passed.getAttribute("name"));
    assertEquals("chat", passed.getAttribute("classname"));
    assertEquals("1.750", passed.getAttribute("time"));
    assertEquals(0, passed.getElementsByTagName("failure").getLength());
    assertTrue(text(passed, "system-out").contains("alice  answer  sent"), text(passed, "system-out"));

    Element failed = (Element) cases.item(1);
    assertEquals("chat[hydrogen, element-web]", failed.getAttribute("name"));
    Element failure = (Element) failed.getElementsByTagName("failure").item(0);
    assertEquals("bob answered 'missing' at step 'receive'", failure.getAttribute("message"));

    Element skipped = (Element) ((Element) cases.item(2)).getElementsByTagName("skipped").item(0);
    assertTrue(skipped.getAttribute("message").startsWith("never started: "), skipped.getAttribute("message"));
    assertTrue(skipped.getAttribute("message").contains("type=fluffychat"));

    Element error = (Element) ((Element) cases.item(3)).getElementsByTagName("error").item(0);
    assertEquals("client crash", error.getAttribute("type"));
    assertTrue(error.getTextContent().contains("at: /sdcard/log.txt"));
    assertTrue(error.getTextContent().contains("NullPointerException\uFFFD at Login.kt:12"), "a NUL cannot be XML");
  }

  @Test
  void a_running_case_is_reported_as_not_finished() throws Exception {
    coordinator.add(Scenario.builder("solo").role("alice", "element-web").step("one", "alice", "login", null).build());
    coordinator.register("a1", Json.object().put("type", "element-web"), "http", i -> { });
    Element skipped = (Element) parse(JUnitReport.write(coordinator.cases())).getElementsByTagName("skipped").item(0);
    assertEquals("not finished: still running at step 'one'", skipped.getAttribute("message"));
  }

  @Test
  void a_cached_report_is_the_same_report_and_its_frame_escapes_names_too() throws Exception {
    coordinator.add(Scenario.builder("say \"hi\" <now> & then").role("alice", "nobody-has-this").step("one", "alice", "login", null).build());
    List<CaseView> run = mixedRun();
    JUnitReport.Cache cache = new JUnitReport.Cache();
    String first = JUnitReport.write(run, cache);
    assertEquals(JUnitReport.write(run), first);
    assertEquals(first, JUnitReport.write(run, cache), "the finished cases' elements come from the cache the second time");
    CaseView passed = run.stream().filter(c -> c.state() == dev.trafficlight.core.view.CaseState.PASSED).findFirst().orElseThrow();
    String member = passed.members().values().iterator().next().uuid();
    coordinator.attach(member, passed.id(), new dev.trafficlight.core.port.Artifact("late.log", "/tmp/late.log", 3, "text/plain"));
    assertTrue(JUnitReport.write(coordinator.cases(), cache).contains("late.log"), "a file sent after the case ended shows");
    NodeList suites = parse(first).getDocumentElement().getElementsByTagName("testsuite");
    assertEquals("say \"hi\" <now> & then", ((Element) suites.item(0)).getAttribute("name"));
  }

  @Test
  void the_report_can_be_written_to_a_file(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("junit.xml");
    JUnitReport.write(mixedRun(), file);
    assertEquals(4, parse(Files.readString(file)).getElementsByTagName("testcase").getLength());
  }

  private static List<String> counts(Element e) {
    return List.of(e.getAttribute("tests"), e.getAttribute("failures"), e.getAttribute("errors"), e.getAttribute("skipped"));
  }

  private static String text(Element e, String tag) {
    return e.getElementsByTagName(tag).item(0).getTextContent();
  }

  private static Document parse(String xml) throws Exception {
    return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
  }
}
