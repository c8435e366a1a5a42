package dev.trafficlight.core.view;

/**
 * Where a case is in its life: waiting (for clients) → preparing (its servers) → running →
 * passed / failed / error.
 */
public enum CaseState {
  WAITING, PREPARING, RUNNING, PASSED, FAILED, ERROR;

  public boolean isFinal() {
    return this == PASSED || this == FAILED || this == ERROR;
  }

  public String word() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
