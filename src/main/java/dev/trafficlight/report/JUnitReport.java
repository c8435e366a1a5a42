package dev.trafficlight.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trafficlight.core.Json;
import dev.trafficlight.core.view.CaseState;
import dev.trafficlight.core.view.CaseView;
import java.io.IOException;
import java.io.UncheckedIOException;
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
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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
    return write(cases, new Cache());
  }

  /** The report as a string, taking the finished cases' elements from the cache when it has them. */
  public static String write(List<CaseView> cases, Cache cache) {
    StringWriter out = new StringWriter(cases.size() * 2048 + 256);
    write(cases, out, cache);
    return out.toString();
  }

  /** Writes the report to a file, replacing it. */
  public static void write(List<CaseView> cases, Path file) throws IOException {
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      write(cases, out, new Cache());
    }
  }

  /**
   * Writes the report to a writer, which stays open. The frame (suites and their counts) is
   * written here; each case's {@code <testcase>} element comes from the cache.
   */
  public static void write(List<CaseView> cases, Writer out, Cache cache) {
    Map<String, List<CaseView>> suites = new LinkedHashMap<>();
    cases.forEach(c -> suites.computeIfAbsent(c.scenario(), k -> new ArrayList<>()).add(c));
    XMLOutputFactory factory = XMLOutputFactory.newFactory();
    try {
      out.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"trafficlight\"");
      counts(out, cases);
      out.write(">");
      int id = 0;
      for (Map.Entry<String, List<CaseView>> suite : suites.entrySet()) {
        out.write("\n  <testsuite name=\"" + attribute(suite.getKey()) + "\" id=\"" + id++ + "\"");
        counts(out, suite.getValue());
        Instant first = suite.getValue().stream().map(CaseView::startedAt).filter(Objects::nonNull)
            .min(Instant::compareTo).orElse(null);
        if (first != null) out.write(" timestamp=\"" + TIMESTAMP.format(first) + "\"");
        out.write(">");
        for (CaseView c : suite.getValue()) out.write(cache.testcase(c, factory));
        out.write("\n  </testsuite>");
      }
      out.write("\n</testsuites>\n");
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("could not write the JUnit report: " + e.getMessage(), e);
    }
    cache.keepOnly(cases);
  }

  /**
   * The {@code <testcase>} elements of finished cases, which never change again: a report asked
   * for over and over renders each case once. It holds no more cases than the last report had.
   */
  public static final class Cache {
    /** A case that ended still gains entries: files its clients send after their exit. */
    private record Rendered(CaseState state, Instant endedAt, int entries, String xml) {}

    private final Map<String, Rendered> finished = new ConcurrentHashMap<>();

    String testcase(CaseView c, XMLOutputFactory factory) {
      if (!c.state().isFinal()) return render(c, factory);
      Rendered kept = finished.get(c.id());
      if (kept != null && kept.state() == c.state() && Objects.equals(kept.endedAt(), c.endedAt())
          && kept.entries() == c.timeline().size()) {
        return kept.xml();
      }
      String xml = render(c, factory);
      finished.put(c.id(), new Rendered(c.state(), c.endedAt(), c.timeline().size(), xml));
      return xml;
    }

    private void keepOnly(List<CaseView> cases) {
      if (finished.size() <= cases.size()) return;
      Set<String> ids = new HashSet<>();
      cases.forEach(c -> ids.add(c.id()));
      finished.keySet().retainAll(ids);
    }
  }

  private static String render(CaseView c, XMLOutputFactory factory) {
    StringWriter out = new StringWriter();
    try {
      XMLStreamWriter xml = factory.createXMLStreamWriter(out);
      testcase(xml, c);
      xml.flush();
    } catch (XMLStreamException e) {
      throw new IllegalStateException("could not write the JUnit report: " + e.getMessage(), e);
    }
    return out.toString();
  }

  private static void counts(Writer out, List<CaseView> cases) throws IOException {
    out.write(" tests=\"" + cases.size() + "\"");
    out.write(" failures=\"" + cases.stream().filter(c -> outcome(c) == Outcome.FAILURE).count() + "\"");
    out.write(" errors=\"" + cases.stream().filter(c -> outcome(c) == Outcome.ERROR).count() + "\"");
    out.write(" skipped=\"" + cases.stream().filter(c -> outcome(c) == Outcome.SKIPPED).count() + "\"");
    out.write(" time=\"" + seconds(cases.stream().mapToLong(JUnitReport::millis).sum()) + "\"");
  }

  /** Text for a double-quoted attribute of the frame, escaped as an XML writer would. */
  private static String attribute(String text) {
    String clean = clean(text);
    StringBuilder s = new StringBuilder(clean.length());
    for (int i = 0; i < clean.length(); i++) {
      char ch = clean.charAt(i);
      switch (ch) {
        case '&' -> s.append("&amp;");
        case '<' -> s.append("&lt;");
        case '>' -> s.append("&gt;");
        case '"' -> s.append("&quot;");
        case '\n' -> s.append("&#10;");
        case '\r' -> s.append("&#13;");
        case '\t' -> s.append("&#9;");
        default -> s.append(ch);
      }
    }
    return s.toString();
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
