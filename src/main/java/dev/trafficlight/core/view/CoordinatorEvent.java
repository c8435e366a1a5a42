package dev.trafficlight.core.view;

/** What the coordinator tells its listeners. */
public sealed interface CoordinatorEvent {

  record ClientRegistered(ClientView client) implements CoordinatorEvent {}

  record ClientDropped(ClientView client, String reason) implements CoordinatorEvent {}

  record CaseStarted(CaseView kase) implements CoordinatorEvent {}

  /** Something was added to a running case's timeline. */
  record CaseProgressed(String caseId, TimelineEntry entry) implements CoordinatorEvent {}

  record CaseEnded(CaseView kase) implements CoordinatorEvent {}
}
