package dev.trafficlight.core.scenario;

/** Something in a scenario worth a look that does not stop it running: {@code file:line: warning: message}. */
public record ScenarioWarning(String source, int line, String message) {
  @Override
  public String toString() {
    return source + ":" + (line > 0 ? line + ":" : "") + " warning: " + message;
  }
}
