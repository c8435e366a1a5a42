package dev.trafficlight.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trafficlight.core.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * One simulated client during one case: who it is signed in as, the room it is in, how far it has
 * synced; and the actions of the example scenarios, each done against the chat world with its
 * real rules. A client reads what it has synced, so a proxy that refuses /sync hides news from it.
 */
final class Session {
  /** What a client waits for news (an invitation, a message) before it says it never came. */
  static final Duration READ_WAIT = Duration.ofSeconds(2);
  private static final String API = "/_matrix/client/r0";
  static final String SYNC = API + "/sync";

  @FunctionalInterface
  private interface Action {
    JsonNode run(JsonNode data) throws InterruptedException;
  }

  private final ChatWorld world;
  private final SimulatedProxy proxy;
  private final Consumer<String> log;
  private final Map<String, Action> actions = Map.ofEntries(
      Map.entry("register", this::register),
      Map.entry("login", this::login),
      Map.entry("create_room", this::createRoom),
      Map.entry("change_room_history_visibility", this::changeHistoryVisibility),
      Map.entry("send_message", this::sendMessage),
      Map.entry("invite_user", this::invite),
      Map.entry("accept_invite", this::acceptInvite),
      Map.entry("verify_message_in_timeline", this::verifyMessage),
      Map.entry("start_crosssign", this::startCrossSigning),
      Map.entry("accept_crosssign", this::acceptCrossSigning),
      Map.entry("verify_crosssign_emoji", this::verifyEmoji),
      Map.entry("proxyTo", this::proxyTo),
      Map.entry("disableEndpoint", this::disableEndpoint),
      Map.entry("enableEndpoint", this::enableEndpoint),
      Map.entry("waitUntilEndpointAccessed", this::waitUntilAccessed));

  private volatile ChatWorld.Device device;
  private volatile long synced;
  private String room;
  private int refusedSyncs;

  /** {@code proxy} is this client's own proxy when it plays one, else null. */
  Session(ChatWorld world, SimulatedProxy proxy, Consumer<String> log) {
    this.world = world;
    this.proxy = proxy;
    this.log = log;
  }

  /** Whether the simulated clients know an action of this name. */
  boolean knows(String action) {
    return actions.containsKey(action);
  }

  /** Every action the simulated clients know, for the message about one they do not. */
  String known() {
    return String.join(", ", new TreeSet<>(actions.keySet()));
  }

  /** Does an action; {@link ActionFailed} when the world refuses it. */
  JsonNode perform(String action, JsonNode data) throws InterruptedException {
    return actions.get(action).run(data == null ? Json.object() : data);
  }

  /** One sync, as a client does all the time: news up to now becomes visible, unless the way is refused. */
  synchronized boolean sync() {
    if (device == null) return false;
    try {
      device.route().pass(SYNC);
      synced = world.now();
      return true;
    } catch (ActionFailed refused) {
      if (refusedSyncs++ == 0) log.accept("sync refused: " + refused.getMessage() + "; retrying");
      return false;
    }
  }

  /** Lines for the log uploaded after the case. */
  List<String> summary() {
    List<String> lines = new ArrayList<>();
    if (refusedSyncs > 0) lines.add("syncs refused during the case: " + refusedSyncs);
    if (proxy != null) lines.addAll(proxy.refusalReport());
    return lines;
  }

  private JsonNode register(JsonNode data) {
    ChatWorld.Device d = world.register(route(data, "/register"), required(data, "username"), required(data, "password"));
    return signedIn("registered", d);
  }

  private JsonNode login(JsonNode data) {
    ChatWorld.Device d = world.login(route(data, "/login"), required(data, "username"), required(data, "password"));
    return signedIn("loggedin", d);
  }

  private ChatWorld.Route route(JsonNode data, String path) {
    JsonNode url = data.path("homeserver_url");
    String local = url.isObject() ? url.path("local").asText("") : url.asText("");
    if (local.isEmpty()) throw new ActionFailed("no homeserver_url given (expected homeserver_url: {local: URL})");
    ChatWorld.Route route = world.route(local);
    route.pass(API + path);
    return route;
  }

  private JsonNode signedIn(String word, ChatWorld.Device d) {
    device = d;
    sync();
    return answer(word).put("user_id", d.userId()).put("device_id", d.deviceId());
  }

  private JsonNode createRoom(JsonNode data) {
    pass("/createRoom");
    room = world.createRoom(signedIn(), data.path("name").asText("unnamed"));
    return answer("done").put("room_id", room);
  }

  private JsonNode changeHistoryVisibility(JsonNode data) {
    pass("/rooms/" + room + "/state/m.room.history_visibility");
    world.setHistoryVisibility(signedIn(), room, required(data, "historyVisibility"));
    return answer("done");
  }

  private JsonNode sendMessage(JsonNode data) {
    pass("/rooms/" + room + "/send/m.room.message");
    world.send(signedIn(), room, required(data, "message"));
    return answer("done");
  }

  private JsonNode invite(JsonNode data) {
    pass("/rooms/" + room + "/invite");
    world.invite(signedIn(), room, required(data, "userId"));
    return answer("done");
  }

  private JsonNode acceptInvite(JsonNode data) throws InterruptedException {
    ChatWorld.Device me = signedIn();
    String[] joined = new String[1];
    if (!awaitNews(() -> (joined[0] = world.acceptInvite(me)) != null)) {
      throw new ActionFailed(me.userId() + " has no invitation to accept");
    }
    room = joined[0];
    sync();
    return answer("done").put("room_id", room);
  }

  private JsonNode verifyMessage(JsonNode data) throws InterruptedException {
    String message = required(data, "message");
    ChatWorld.Device me = signedIn();
    if (awaitNews(() -> world.timeline(me, room, synced).contains(message))) return answer("verified");
    List<String> seen = world.timeline(me, room, synced);
    throw new ActionFailed("'" + message + "' is not in " + me.userId() + "'s timeline of '" + world.roomName(room)
        + "' after " + READ_WAIT.toSeconds() + " s; " + (seen.isEmpty() ? "it shows no message at all"
        : "it shows " + seen.size() + " other: '" + String.join("', '", seen) + "'"));
  }

  private JsonNode startCrossSigning(JsonNode data) {
    ChatWorld.Device me = signedIn();
    String user = data.path("userId").asText(me.userId());
    if (world.otherDevices(user, me.deviceId()).isEmpty()) throw new ActionFailed(user + " has no other device to verify with");
    pass("/sendToDevice/m.key.verification.request");
    world.verifications().request(me, user);
    return answer("done");
  }

  private JsonNode acceptCrossSigning(JsonNode data) throws InterruptedException {
    ChatWorld.Device me = signedIn();
    if (awaitNews(() -> world.verifications().accept(me))) return answer("done");
    throw new ActionFailed("no verification request reached " + me.deviceId() + " of " + me.userId());
  }

  private JsonNode verifyEmoji(JsonNode data) {
    List<String> emoji = world.verifications().confirm(signedIn());
    if (emoji == null) throw new ActionFailed("no accepted verification on device " + device.deviceId());
    ObjectNode answer = answer("verified");
    emoji.forEach(answer.putArray("emoji")::add);
    return answer;
  }

  private JsonNode proxyTo(JsonNode data) {
    myProxy().pointTo(world.homeserverAt(required(data, "url")));
    return answer("proxyToSet");
  }

  private JsonNode disableEndpoint(JsonNode data) {
    myProxy().disable(required(data, "endpoint"));
    return answer("endpointDisabled");
  }

  private JsonNode enableEndpoint(JsonNode data) {
    myProxy().enable(required(data, "endpoint"));
    return answer("endpointEnabled");
  }

  private JsonNode waitUntilAccessed(JsonNode data) throws InterruptedException {
    boolean accessed = myProxy().awaitAccess(required(data, "endpoint"), data.path("timeout").asLong(15000));
    return answer(accessed ? "endpointAccessed" : "error"); // trafficlight-proxy's words, timeout included
  }

  /** Syncs until, after a sync that got through, the condition holds; false once {@link #READ_WAIT} has passed. */
  private boolean awaitNews(BooleanSupplier condition) throws InterruptedException {
    long until = System.nanoTime() + READ_WAIT.toNanos();
    while (true) {
      if (sync() && condition.getAsBoolean()) return true;
      if (System.nanoTime() > until) return false;
      Thread.sleep(100);
    }
  }

  private void pass(String path) {
    signedIn().route().pass(API + path);
  }

  private ChatWorld.Device signedIn() {
    if (device == null) throw new ActionFailed("not signed in: register or login first");
    return device;
  }

  private SimulatedProxy myProxy() {
    if (proxy == null) throw new ActionFailed("this client is no network proxy (register it with type network-proxy)");
    return proxy;
  }

  private static String required(JsonNode data, String field) {
    JsonNode value = data.path(field);
    if (!value.isValueNode() || value.asText().isEmpty()) throw new ActionFailed("the action's data lacks '" + field + "'");
    return value.asText();
  }

  private static ObjectNode answer(String word) {
    return Json.object().put("response", word);
  }
}
