package dev.trafficlight.core.scenario;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The calls a scenario may have the coordinator make itself against a case's homeserver, with
 * the arguments each takes. The language knows their names and arguments; the engine's
 * services make them.
 */
public final class Calls {
  /** The longest any one call may take: a call that waits longer is surely a mistake. */
  public static final Duration MAX_TIMEOUT = Duration.ofMinutes(10);

  /** A call's name and its arguments. */
  public record Spec(String name, List<String> required, List<String> optional, String result) {}

  private static final Map<String, Spec> TABLE = new LinkedHashMap<>();

  static {
    add(new Spec("register_user", List.of("username", "password"), List.of(), "user_id, access_token, device_id"));
    add(new Spec("login", List.of("username", "password"), List.of(), "user_id, access_token, device_id"));
    add(new Spec("create_room", List.of("access_token"), List.of("name", "topic", "invite", "preset", "is_direct"), "room_id"));
    add(new Spec("send_message", List.of("access_token", "room_id", "body"), List.of("msgtype"), "event_id"));
    add(new Spec("wait_for_event", List.of("access_token", "room_id"), List.of("type", "like"),
        "the event: event_id, sender, type, content, ..."));
  }

  private Calls() {}

  private static void add(Spec spec) {
    TABLE.put(spec.name(), spec);
  }

  /** The call of this name, or null. */
  public static Spec named(String name) {
    return TABLE.get(name);
  }

  public static List<String> names() {
    return List.copyOf(TABLE.keySet());
  }
}
