package dev.trafficlight.demo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A room of the simulated world: members, invitations and messages, each message stamped with the
 * history visibility in force when it was sent, as a homeserver decides who may see it.
 */
final class Room {
  /** A message and the world's sequence number when it was sent. */
  record Message(long seq, String sender, String body, String visibility) {}

  static final List<String> VISIBILITIES = List.of("shared", "invited", "joined", "world_readable");

  final String id;
  final String name;
  private String visibility = "shared";
  private final Map<String, Long> joinedAt = new LinkedHashMap<>();
  private final Map<String, Long> invitedAt = new LinkedHashMap<>();
  private final List<Message> messages = new ArrayList<>();

  Room(String id, String name) {
    this.id = id;
    this.name = name;
  }

  boolean isMember(String user) {
    return joinedAt.containsKey(user);
  }

  boolean isInvited(String user) {
    return invitedAt.containsKey(user) && !joinedAt.containsKey(user);
  }

  void join(String user, long seq) {
    joinedAt.putIfAbsent(user, seq);
  }

  void invite(String user, long seq) {
    invitedAt.putIfAbsent(user, seq);
  }

  void setVisibility(String visibility) {
    this.visibility = visibility;
  }

  void send(long seq, String sender, String body) {
    messages.add(new Message(seq, sender, body, visibility));
  }

  /** The messages a member may read among those sent up to {@code upTo}, as Matrix history visibility rules. */
  List<Message> visibleTo(String user, long upTo) {
    Long joined = joinedAt.get(user);
    if (joined == null) return List.of();
    long since = invitedAt.getOrDefault(user, joined);
    return messages.stream().filter(m -> m.seq() <= upTo).filter(m -> switch (m.visibility()) {
      case "invited" -> m.seq() >= since;
      case "joined" -> m.seq() >= joined;
      default -> true;
    }).toList();
  }
}
