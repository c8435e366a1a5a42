package dev.trafficlight.core;

/**
 * Text a client chose, made safe for one log line: control characters are shown escaped (a UUID
 * holding a newline cannot forge a line of its own) and anything past {@link #MAX_CHARS} is cut.
 */
public final class LogText {
  public static final int MAX_CHARS = 500;

  private LogText() {}

  public static String clean(Object value) {
    if (value == null) return "null";
    String text = value.toString();
    StringBuilder s = new StringBuilder(Math.min(text.length(), MAX_CHARS) + 16);
    for (int i = 0; i < text.length(); i++) {
      if (s.length() >= MAX_CHARS) {
        return s.append("… (").append(text.length() - i).append(" more characters)").toString();
      }
      char c = text.charAt(i);
      if (c == '\n') s.append("\\n");
      else if (c == '\r') s.append("\\r");
      else if (c == '\t') s.append("\\t");
      else if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') s.append(String.format("\\u%04x", (int) c));
      else s.append(c);
    }
    return s.toString();
  }
}
