package dev.trafficlight.core.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A version constraint such as {@code >=1.11}, {@code <2.0} or {@code >=1.2 <2}: every part must
 * hold. A version that has no digits (the adapters' {@code UNKNOWN}) satisfies no constraint.
 */
public record VersionRange(String text, List<Bound> bounds) {
  private static final Pattern BOUND = Pattern.compile("(>=|<=|!=|==|>|<|=)\\s*([0-9A-Za-z.+_-]+)");

  /** One comparison against a version. */
  public record Bound(String operator, String version) {}

  public VersionRange {
    bounds = List.copyOf(bounds);
  }

  /** True when a requirement value is written as a constraint, i.e. starts with a comparator. */
  public static boolean looksLikeRange(String text) {
    String t = text.trim();
    return t.startsWith(">") || t.startsWith("<") || t.startsWith("=") || t.startsWith("!=");
  }

  public static VersionRange parse(String text) {
    List<Bound> bounds = new ArrayList<>();
    Matcher m = BOUND.matcher(text);
    int end = 0;
    while (m.find()) {
      if (!text.substring(end, m.start()).isBlank()) {
        break;
      }
      bounds.add(new Bound(m.group(1), m.group(2)));
      end = m.end();
    }
    if (bounds.isEmpty() || !text.substring(end).isBlank()) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a version constraint; write e.g. '>=1.11' or '>=1.2 <2'");
    }
    return new VersionRange(text.trim(), bounds);
  }

  public boolean matches(String version) {
    if (version == null || !version.matches(".*\\d.*")) {
      return false;
    }
    for (Bound b : bounds) {
      int c = compare(version, b.version());
      boolean ok = switch (b.operator()) {
        case ">=" -> c >= 0;
        case "<=" -> c <= 0;
        case ">" -> c > 0;
        case "<" -> c < 0;
        case "!=" -> c != 0;
        default -> c == 0;
      };
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /** Compares dotted versions part by part: numerically where both parts are numbers. */
  static int compare(String a, String b) {
    String[] x = a.replaceFirst("^[vV]", "").split("[.+_-]");
    String[] y = b.replaceFirst("^[vV]", "").split("[.+_-]");
    for (int i = 0; i < Math.max(x.length, y.length); i++) {
      String p = i < x.length ? x[i] : "0";
      String q = i < y.length ? y[i] : "0";
      int c = p.matches("\\d+") && q.matches("\\d+")
          ? new java.math.BigInteger(p).compareTo(new java.math.BigInteger(q))
          : p.compareTo(q);
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }

  @Override
  public String toString() {
    return text;
  }
}
