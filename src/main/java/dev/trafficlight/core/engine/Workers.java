package dev.trafficlight.core.engine;

/** The engine's services with the off-lock workers that call them: one for servers, one for calls. */
record Workers(Services services, OffLock servers, OffLock calls) {}
