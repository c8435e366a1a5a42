package dev.trafficlight.core.view;

/**
 * Where a case is in its life: waiting (for clients) → preparing (its servers) → running →
 * passed / failed / error; or interrupted, when the coordinator stopped while it ran and was
 * started again on the same data folder.
 */
public enum CaseState {
  WAITING, PREPARING, RUNNING, PASSED, FAILED, ERROR, INTERRUPTED;

  public boolean isFinal() {
    return this == PASSED || this == FAILED || this == ERROR || this == INTERRUPTED;
  }

  public String word() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
