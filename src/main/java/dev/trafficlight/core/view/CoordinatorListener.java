package dev.trafficlight.core.view;

/**
 * Hears what the coordinator does. Called in order while the coordinator holds its lock: be quick,
 * and do not call back into the coordinator from here.
 */
@FunctionalInterface
public interface CoordinatorListener {
  void on(CoordinatorEvent event);
}
