package dev.trafficlight.core.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;

/**
 * What is written inside {@code ${...}}: a path into a namespace ({@code bob.timeline[-1].body},
 * {@code bob.timeline[sender='@a:hs'].event_id}), a quoted text or a number, or a function of
 * these ({@code replace(hs.cs_api, 'localhost', '10.0.2.2')}).
 */
public sealed interface Expression {
  /** The most segments a path may have. */
  int MAX_SEGMENTS = 32;

  /** A path: a namespace, then fields, indexes and filters. */
  record Path(String head, List<Segment> segments, String text) implements Expression {
    public Path {
      segments = List.copyOf(segments);
    }
  }

  /** A quoted text or a number. */
  record Literal(JsonNode value) implements Expression {}

  /** A function applied to its arguments. */
  record Call(Functions.Function function, List<Expression> arguments) implements Expression {
    public Call {
      arguments = List.copyOf(arguments);
    }
  }

  /** One step of a path. */
  sealed interface Segment {}

  /** {@code .name}, or {@code .0} (a field, or an index when the value is a list). */
  record Field(String name) implements Segment {}

  /** {@code [2]} or {@code [-1]}, counted from the end when negative. */
  record Index(int index) implements Segment {}

  /** {@code [field.path='value']}: the first element of a list whose field has that value. */
  record Filter(List<String> field, JsonNode value) implements Segment {
    public Filter {
      field = List.copyOf(field);
    }
  }

  /** Something written inside {@code ${...}} that is not an expression. */
  final class SyntaxError extends IllegalArgumentException {
    public SyntaxError(String message) {
      super(message);
    }
  }

  /** Reads one expression; throws {@link SyntaxError} saying what is wrong and where. */
  static Expression parse(String text) {
    Parser p = new Parser(text);
    Expression e = p.expression();
    p.skipSpace();
    if (!p.atEnd()) throw p.error("unexpected '" + p.rest() + "'");
    return e;
  }

  /** Every path in an expression, in order of appearance. */
  static List<Path> paths(Expression e) {
    List<Path> found = new ArrayList<>();
    collect(e, found);
    return found;
  }

  private static void collect(Expression e, List<Path> found) {
    if (e instanceof Path p) found.add(p);
    if (e instanceof Call c) c.arguments().forEach(a -> collect(a, found));
  }

  /** A small recursive-descent reader. */
  final class Parser {
    private final String text;
    private int at;

    Parser(String text) {
      this.text = text;
    }

    Expression expression() {
      skipSpace();
      if (atEnd()) throw error("an empty ${}");
      char c = text.charAt(at);
      if (c == '\'' || c == '"') return new Literal(TextNode.valueOf(quoted()));
      if (Character.isDigit(c) || c == '-') return new Literal(IntNode.valueOf(integer()));
      int start = at;
      String name = identifier();
      skipSpace();
      if (!atEnd() && text.charAt(at) == '(') return call(name);
      return path(name, start);
    }

    private Expression call(String name) {
      Functions.Function function = Functions.named(name);
      if (function == null) throw error("no function is named '" + name + "'; there are " + Functions.names());
      at++;
      List<Expression> arguments = new ArrayList<>();
      skipSpace();
      if (!atEnd() && text.charAt(at) == ')') {
        at++;
      } else {
        while (true) {
          arguments.add(expression());
          skipSpace();
          if (atEnd()) throw error("'" + name + "(' is not closed");
          char c = text.charAt(at++);
          if (c == ')') break;
          if (c != ',') throw error("expected ',' or ')' in " + name + "(...)");
        }
      }
      try {
        function.checkArity(arguments.size());
      } catch (SyntaxError e) {
        throw error(e.getMessage());
      }
      return new Call(function, arguments);
    }

    private Path path(String head, int start) {
      List<Segment> segments = new ArrayList<>();
      while (!atEnd()) {
        char c = text.charAt(at);
        if (c == '.') {
          at++;
          segments.add(new Field(word()));
        } else if (c == '[') {
          at++;
          segments.add(bracket());
        } else {
          break;
        }
        if (segments.size() > MAX_SEGMENTS) throw error("a path has at most " + MAX_SEGMENTS + " parts");
      }
      return new Path(head, segments, text.substring(start, at).strip());
    }

    private Segment bracket() {
      skipSpace();
      Segment segment;
      if (!atEnd() && (Character.isDigit(text.charAt(at)) || text.charAt(at) == '-')) {
        segment = new Index(integer());
      } else {
        List<String> field = new ArrayList<>();
        field.add(identifier());
        while (!atEnd() && text.charAt(at) == '.') {
          at++;
          field.add(word());
        }
        skipSpace();
        if (atEnd() || text.charAt(at) != '=') throw error("a filter is written [field='value'], e.g. [sender='@bob:hs']");
        at++;
        skipSpace();
        if (atEnd()) throw error("a filter needs a value");
        char c = text.charAt(at);
        JsonNode value = c == '\'' || c == '"' ? TextNode.valueOf(quoted()) : IntNode.valueOf(integer());
        segment = new Filter(field, value);
      }
      skipSpace();
      if (atEnd() || text.charAt(at) != ']') throw error("'[' is not closed");
      at++;
      return segment;
    }

    private String identifier() {
      int start = at;
      if (atEnd() || !(Character.isLetter(text.charAt(at)) || text.charAt(at) == '_')) {
        throw error("expected a name, a quoted text or a number");
      }
      while (!atEnd() && (Character.isLetterOrDigit(text.charAt(at)) || text.charAt(at) == '_' || text.charAt(at) == '-')) at++;
      return text.substring(start, at);
    }

    /** A field name after a dot: a name or a number. */
    private String word() {
      int start = at;
      while (!atEnd() && (Character.isLetterOrDigit(text.charAt(at)) || text.charAt(at) == '_' || text.charAt(at) == '-')) at++;
      if (start == at) throw error("expected a field name after '.'");
      return text.substring(start, at);
    }

    private int integer() {
      int start = at;
      if (text.charAt(at) == '-') at++;
      while (!atEnd() && Character.isDigit(text.charAt(at))) at++;
      try {
        return Integer.parseInt(text.substring(start, at));
      } catch (NumberFormatException e) {
        throw error("'" + text.substring(start, at) + "' is not a whole number");
      }
    }

    private String quoted() {
      char quote = text.charAt(at++);
      StringBuilder s = new StringBuilder();
      while (!atEnd() && text.charAt(at) != quote) {
        char c = text.charAt(at++);
        if (c == '\\' && !atEnd()) c = text.charAt(at++);
        s.append(c);
      }
      if (atEnd()) throw error("a quoted text is not closed");
      at++;
      return s.toString();
    }

    void skipSpace() {
      while (!atEnd() && Character.isWhitespace(text.charAt(at))) at++;
    }

    boolean atEnd() {
      return at >= text.length();
    }

    String rest() {
      return text.substring(at);
    }

    SyntaxError error(String message) {
      return new SyntaxError("${" + text + "}: " + message);
    }
  }
}
