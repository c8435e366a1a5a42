package dev.trafficlight.demo;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A small chat world that simulated clients share: accounts with devices on the configured
 * homeservers, rooms with invitations and history visibility, messages, and device verification.
 * What one client does, another sees; what the rules forbid fails, as on a real homeserver.
 */
public final class ChatWorld {
  /** A signed-in device of an account, and the way its requests go. */
  record Device(String userId, String deviceId, Route route) {}

  /** Where a device's requests go: a homeserver, perhaps through a proxy. */
  record Route(String server, SimulatedProxy proxy) {
    /** A request on its way; a proxy may refuse it. */
    void pass(String path) {
      if (proxy != null) proxy.pass(path);
    }
  }

  private record Account(String userId, String password, List<String> devices) {}

  private final Map<String, String> serverByUrl = new HashMap<>();
  private final Map<String, SimulatedProxy> proxies = new ConcurrentHashMap<>();
  private final Map<String, Account> accounts = new HashMap<>();
  private final Map<String, Room> rooms = new LinkedHashMap<>();
  private final Verifications verifications = new Verifications();
  private long seq;
  private int nextId;

  /** A world with these homeservers: any of a homeserver's URL fields leads to it. */
  public ChatWorld(List<JsonNode> homeservers) {
    for (JsonNode hs : homeservers) {
      String name = hs.path("server_name").asText();
      hs.fields().forEachRemaining(field -> {
        if (field.getValue().asText("").startsWith("http")) serverByUrl.put(strip(field.getValue().asText()), name);
      });
    }
  }

  void addProxy(SimulatedProxy proxy) {
    proxies.put(strip(proxy.endpoint()), proxy);
  }

  /** The homeserver a URL names; a proxy's endpoint leads to the homeserver behind it. */
  Route route(String url) {
    SimulatedProxy proxy = proxies.get(strip(url));
    if (proxy != null) {
      if (proxy.upstream() == null) throw new ActionFailed("the proxy at " + url + " points nowhere yet (no proxyTo)");
      return new Route(proxy.upstream(), proxy);
    }
    return new Route(homeserverAt(url), null);
  }

  /** The server name of the homeserver at this URL. */
  String homeserverAt(String url) {
    String server = serverByUrl.get(strip(url));
    if (server == null) throw new ActionFailed("no homeserver at " + url + "; the simulated ones are at " + serverByUrl.keySet());
    return server;
  }

  synchronized Device register(Route route, String username, String password) {
    String userId = "@" + username + ":" + route.server();
    if (accounts.containsKey(userId)) throw new ActionFailed(userId + " is already registered");
    accounts.put(userId, new Account(userId, password, new ArrayList<>()));
    return newDevice(accounts.get(userId), route);
  }

  synchronized Device login(Route route, String username, String password) {
    Account account = accounts.get("@" + username + ":" + route.server());
    if (account == null || !account.password().equals(password)) {
      throw new ActionFailed("cannot log in as @" + username + ":" + route.server() + ": unknown user or wrong password");
    }
    return newDevice(account, route);
  }

  private Device newDevice(Account account, Route route) {
    String deviceId = "SIM" + (++nextId);
    account.devices().add(deviceId);
    return new Device(account.userId(), deviceId, route);
  }

  /** The world's clock: every change moves it on, and a sync sees everything up to it. */
  synchronized long now() {
    return seq;
  }

  synchronized String createRoom(Device creator, String name) {
    String id = "!room" + (++nextId) + ":" + creator.route().server();
    Room room = new Room(id, name);
    room.join(creator.userId(), ++seq);
    rooms.put(id, room);
    return id;
  }

  synchronized void setHistoryVisibility(Device device, String roomId, String visibility) {
    if (!Room.VISIBILITIES.contains(visibility)) {
      throw new ActionFailed("unknown history visibility '" + visibility + "'; one of " + Room.VISIBILITIES);
    }
    memberRoom(device, roomId).setVisibility(visibility);
    seq++;
  }

  synchronized void send(Device device, String roomId, String body) {
    memberRoom(device, roomId).send(++seq, device.userId(), body);
  }

  synchronized void invite(Device device, String roomId, String userId) {
    Room room = memberRoom(device, roomId);
    if (!accounts.containsKey(userId)) throw new ActionFailed("cannot invite " + userId + ": no such user");
    if (room.isMember(userId)) throw new ActionFailed(userId + " is already in " + room.name);
    room.invite(userId, ++seq);
  }

  /** Joins the oldest room the device's user is invited to; null when there is none. */
  synchronized String acceptInvite(Device device) {
    for (Room room : rooms.values()) {
      if (room.isInvited(device.userId())) {
        room.join(device.userId(), ++seq);
        return room.id;
      }
    }
    return null;
  }

  /** The message bodies the device's user may read in a room, among those sent up to {@code upTo}. */
  synchronized List<String> timeline(Device device, String roomId, long upTo) {
    return memberRoom(device, roomId).visibleTo(device.userId(), upTo).stream().map(Room.Message::body).toList();
  }

  synchronized String roomName(String roomId) {
    Room room = rooms.get(roomId);
    return room == null ? roomId : room.name;
  }

  /** Device verification between the devices of the world's accounts. */
  Verifications verifications() {
    return verifications;
  }

  synchronized List<String> otherDevices(String userId, String deviceId) {
    Account account = accounts.get(userId);
    if (account == null) throw new ActionFailed("no such user " + userId);
    return account.devices().stream().filter(d -> !d.equals(deviceId)).toList();
  }

  private Room memberRoom(Device device, String roomId) {
    if (roomId == null) throw new ActionFailed(device.userId() + " is in no room yet (create_room or accept_invite first)");
    Room room = rooms.get(roomId);
    if (room == null || !room.isMember(device.userId())) {
      throw new ActionFailed(device.userId() + " is not a member of " + roomId);
    }
    return room;
  }

  private static String strip(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
