package dev.trafficlight.core.engine;

/** The engine's services with the off-lock workers that call them. */
record Workers(Services services, OffLock servers) {}
