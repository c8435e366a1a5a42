package dev.trafficlight.core.scenario;

/** A scenario that cannot be used, with where the problem is: {@code file:line: message}. */
public final class ScenarioException extends RuntimeException {
  private final String source;
  private final int line;
  private final String problem;

  public ScenarioException(String source, int line, String problem) {
    super((source == null ? "" : source + ":" + (line > 0 ? line + ":" : "") + " ") + problem);
    this.source = source;
    this.line = line;
    this.problem = problem;
  }

  public String source() {
    return source;
  }

  /** 1-based, or 0 when unknown. */
  public int line() {
    return line;
  }

  public String problem() {
    return problem;
  }
}
