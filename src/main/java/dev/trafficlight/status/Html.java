package dev.trafficlight.status;

/** Escaping for HTML text and attributes; everything a client sent goes through here. */
final class Html {
  private Html() {}

  /** The text with every character that could open markup or end an attribute replaced. */
  static String esc(String text) {
    if (text == null) return "";
    StringBuilder s = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> s.append("&amp;");
        case '<' -> s.append("&lt;");
        case '>' -> s.append("&gt;");
        case '"' -> s.append("&quot;");
        case '\'' -> s.append("&#39;");
        default -> s.append(c);
      }
    }
    return s.toString();
  }

  /** At most {@code max} characters, with an ellipsis when cut. */
  static String cut(String text, int max) {
    if (text == null) return "";
    return text.length() <= max ? text : text.substring(0, Math.max(0, max - 1)) + "…";
  }
}
