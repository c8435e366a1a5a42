package dev.trafficlight.core.view;

/** What the coordinator tells its listeners. */
public sealed interface CoordinatorEvent {

  record ClientRegistered(ClientView client) implements CoordinatorEvent {}

  record ClientDropped(ClientView client, String reason) implements CoordinatorEvent {}

  /** A case that never got going (its servers could not be made) gave its client back: it is idle again. */
  record ClientFreed(ClientView client) implements CoordinatorEvent {}

  /** The coordinator no longer remembers this client: a poll from it now hears "no record of this UUID". */
  record ClientForgotten(String uuid) implements CoordinatorEvent {}

  record CaseStarted(CaseView kase) implements CoordinatorEvent {}

  /** Something was added to a running case's timeline. */
  record CaseProgressed(String caseId, TimelineEntry entry) implements CoordinatorEvent {}

  record CaseEnded(CaseView kase) implements CoordinatorEvent {}

  /** A file reached a case that had ended (clients send their logs after their exit): the case as it is now. */
  record LateFile(CaseView kase) implements CoordinatorEvent {}
}
