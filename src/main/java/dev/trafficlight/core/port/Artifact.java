package dev.trafficlight.core.port;

/** A file a client sent, already stored by the transport at {@code location}. */
public record Artifact(String name, String location, long size, String contentType) {}
