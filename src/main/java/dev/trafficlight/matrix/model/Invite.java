package dev.trafficlight.matrix.model;

/** An invitation to a room, and who sent it. */
public record Invite(String roomId, String inviter) {}
