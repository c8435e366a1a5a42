package dev.trafficlight.status;

/** Something about the coordinator's own connections people should see, e.g. a transport that cannot reach its homeserver. */
public record Notice(String source, String text) {}
