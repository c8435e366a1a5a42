package dev.trafficlight.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trafficlight.core.Json;
import dev.trafficlight.core.view.CaseState;
import dev.trafficlight.core.view.CaseView;
import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Cases as JUnit XML, the format CI servers read: one {@code <testsuite>} per scenario, one
 * {@code <testcase>} per case. A failed case is a {@code <failure>}, a case in error an
 * {@code <error>}, a case that never started (or has not finished) {@code <skipped>}.
 */
public final class JUnitReport {
  /** Timestamps in UTC without a zone, as the common JUnit schema wants them. */
  private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss")
      .withZone(ZoneOffset.UTC);

  private JUnitReport() {}

  /** The report as a string. */
  public static String write(List<CaseView> cases) {
    StringWriter out = new StringWriter();
    write(cases, out);
    return out.toString();
  }

  /** Writes the report to a file, replacing it. */
  public static void write(List<CaseView> cases, Path file) throws IOException {
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      write(cases, out);
    }
  }

  /** Writes the report to a writer, which stays open. */
  public static void write(List<CaseView> cases, Writer out) {
    Map<String, List<CaseView>> suites = new LinkedHashMap<>();
    cases.forEach(c -> suites.computeIfAbsent(c.scenario(), k -> new ArrayList<>()).add(c));
    try {
      XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
      xml.writeStartDocument("UTF-8", "1.0");
      xml.writeCharacters("\n");
      xml.writeStartElement("testsuites");
      xml.writeAttribute("name", "trafficlight");
      counts(xml, cases);
      int id = 0;
      for (Map.Entry<String, List<CaseView>> suite : suites.entrySet()) {
        suite(xml, id++, suite.getKey(), suite.getValue());
      }
      xml.writeCharacters("\n");
      xml.writeEndElement();
      xml.writeCharacters("\n");
      xml.writeEndDocument();
      xml.flush();
    } catch (XMLStreamException e) {
      throw new IllegalStateException("could not write the JUnit report: " + e.getMessage(), e);
    }
  }

  private static void suite(XMLStreamWriter xml, int id, String scenario, List<CaseView> cases) throws XMLStreamException {
    xml.writeCharacters("\n  ");
    xml.writeStartElement("testsuite");
    xml.writeAttribute("name", clean(scenario));
    xml.writeAttribute("id", Integer.toString(id));
    counts(xml, cases);
    cases.stream().map(CaseView::startedAt).filter(Objects::nonNull).min(Instant::compareTo)
        .ifPresent(first -> attribute(xml, "timestamp", TIMESTAMP.format(first)));
    for (CaseView c : cases) testcase(xml, c);
    xml.writeCharacters("\n  ");
    xml.writeEndElement();
  }

  private static void counts(XMLStreamWriter xml, List<CaseView> cases) throws XMLStreamException {
    xml.writeAttribute("tests", Integer.toString(cases.size()));
    xml.writeAttribute("failures", Long.toString(cases.stream().filter(c -> outcome(c) == Outcome.FAILURE).count()));
    xml.writeAttribute("errors", Long.toString(cases.stream().filter(c -> outcome(c) == Outcome.ERROR).count()));
    xml.writeAttribute("skipped", Long.toString(cases.stream().filter(c -> outcome(c) == Outcome.SKIPPED).count()));
    xml.writeAttribute("time", seconds(cases.stream().mapToLong(JUnitReport::millis).sum()));
  }

  private static void testcase(XMLStreamWriter xml, CaseView c) throws XMLStreamException {
    xml.writeCharacters("\n    ");
    xml.writeStartElement("testcase");
    xml.writeAttribute("name", clean(c.id()));
    xml.writeAttribute("classname", clean(c.scenario()));
    xml.writeAttribute("time", seconds(millis(c)));
    switch (outcome(c)) {
      case FAILURE -> problem(xml, "failure", c);
      case ERROR -> problem(xml, "error", c);
      case SKIPPED -> {
        xml.writeCharacters("\n      ");
        xml.writeStartElement("skipped");
        xml.writeAttribute("message", clean(skipMessage(c)));
        xml.writeEndElement();
      }
      case PASSED -> { }
    }
    if (!c.warnings().isEmpty()) {
      // A passed case with warnings still passes; CI tools show a test case's properties and output.
      xml.writeCharacters("\n      ");
      xml.writeStartElement("properties");
      for (String warning : c.warnings()) {
        xml.writeEmptyElement("property");
        xml.writeAttribute("name", "warning");
        xml.writeAttribute("value", clean(warning));
      }
      xml.writeEndElement();
    }
    if (!c.timeline().isEmpty() || !c.warnings().isEmpty()) {
      xml.writeCharacters("\n      ");
      xml.writeStartElement("system-out");
      StringBuilder out = new StringBuilder();
      c.warnings().forEach(w -> out.append("warning: ").append(w).append('\n'));
      if (!c.warnings().isEmpty()) out.append('\n');
      xml.writeCharacters(clean(out + TimelineText.of(c)));
      xml.writeEndElement();
    }
    xml.writeCharacters("\n    ");
    xml.writeEndElement();
  }

  private static void problem(XMLStreamWriter xml, String element, CaseView c) throws XMLStreamException {
    JsonNode error = c.errorDetails() == null ? null : c.errorDetails().path("error");
    xml.writeCharacters("\n      ");
    xml.writeStartElement(element);
    xml.writeAttribute("message", clean(c.reason() == null ? c.state().word() : c.reason()));
    String type = error != null && error.hasNonNull("type") ? "client " + Json.text(error.path("type")) : c.state().word();
    xml.writeAttribute("type", clean(type));
    StringBuilder body = new StringBuilder(c.reason() == null ? "" : c.reason());
    if (error != null) {
      if (error.hasNonNull("path")) body.append("\nat: ").append(Json.text(error.path("path")));
      String details = Json.text(error.path("details"));
      if (!details.isEmpty()) body.append("\n\n").append(details);
    }
    xml.writeCharacters(clean(body.toString()));
    xml.writeEndElement();
  }

  private static String skipMessage(CaseView c) {
    if (c.state() == CaseState.RUNNING) return "not finished: still running at step '" + c.currentStep() + "'";
    if (c.state() == CaseState.PREPARING) return "not finished: its servers were still being prepared";
    if (c.state() == CaseState.WAITING) {
      return "never started" + (c.waitingFor().isEmpty() ? "" : ": " + String.join("; ", c.waitingFor()));
    }
    return "never started: " + c.reason();
  }

  enum Outcome { PASSED, FAILURE, ERROR, SKIPPED }

  static Outcome outcome(CaseView c) {
    if (c.startedAt() == null || !c.state().isFinal()) return Outcome.SKIPPED;
    return switch (c.state()) {
      case PASSED -> Outcome.PASSED;
      case FAILED -> Outcome.FAILURE;
      default -> Outcome.ERROR;
    };
  }

  private static long millis(CaseView c) {
    if (c.startedAt() == null || c.endedAt() == null) return 0;
    return Duration.between(c.startedAt(), c.endedAt()).toMillis();
  }

  private static String seconds(long millis) {
    return String.format(Locale.ROOT, "%.3f", millis / 1000.0);
  }

  private static void attribute(XMLStreamWriter xml, String name, String value) {
    try {
      xml.writeAttribute(name, value);
    } catch (XMLStreamException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Drops characters XML 1.0 cannot carry at all (a client's details may hold any bytes). */
  static String clean(String text) {
    if (text == null) return "";
    if (allAllowed(text)) return text;
    StringBuilder s = new StringBuilder(text.length());
    text.codePoints().forEach(cp -> {
      boolean allowed = cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF)
          || (cp >= 0xE000 && cp <= 0xFFFD) || (cp >= 0x10000 && cp <= 0x10FFFF);
      s.appendCodePoint(allowed ? cp : 0xFFFD);
    });
    return s.toString();
  }

  private static boolean allAllowed(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x20 ? c != 0x9 && c != 0xA && c != 0xD : c >= 0xD800) return false;
    }
    return true;
  }
}
