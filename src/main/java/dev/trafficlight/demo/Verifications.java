package dev.trafficlight.demo;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * Interactive device verification as the example scenarios drive it: one device requests, a
 * device of the user it asked accepts, then both compare the same emoji and confirm.
 */
final class Verifications {
  private static final List<String> EMOJI = List.of("Dog", "Cat", "Lion", "Horse", "Unicorn", "Pig", "Elephant",
      "Rabbit", "Panda", "Rooster", "Penguin", "Turtle", "Fish", "Octopus", "Butterfly", "Flower", "Tree", "Cactus",
      "Mushroom", "Globe", "Moon", "Cloud", "Fire", "Banana", "Apple", "Strawberry", "Corn", "Pizza", "Cake", "Heart");

  private static final class Request {
    final String id;
    final ChatWorld.Device from;
    final String toUser;
    ChatWorld.Device acceptor;
    final Set<String> confirmed = new HashSet<>();

    Request(String id, ChatWorld.Device from, String toUser) {
      this.id = id;
      this.from = from;
      this.toUser = toUser;
    }

    boolean involves(ChatWorld.Device device) {
      return from.deviceId().equals(device.deviceId()) || (acceptor != null && acceptor.deviceId().equals(device.deviceId()));
    }
  }

  private final List<Request> requests = new ArrayList<>();

  synchronized void request(ChatWorld.Device from, String toUser) {
    requests.add(new Request("v" + (requests.size() + 1), from, toUser));
  }

  /** Accepts the oldest open request to this device's user from another device; false when there is none. */
  synchronized boolean accept(ChatWorld.Device device) {
    for (Request r : requests) {
      if (r.acceptor == null && r.toUser.equals(device.userId()) && !r.from.deviceId().equals(device.deviceId())) {
        r.acceptor = device;
        return true;
      }
    }
    return false;
  }

  /** Confirms the emoji of the accepted verification this device is part of; null when there is none. */
  synchronized List<String> confirm(ChatWorld.Device device) {
    for (Request r : requests) {
      if (r.acceptor != null && r.involves(device) && r.confirmed.add(device.deviceId())) {
        return emojiOf(r);
      }
    }
    return null;
  }

  /** Both sides derive the same seven emoji from what they share: here, the request. */
  private static List<String> emojiOf(Request r) {
    int seed = (r.id + r.from.deviceId() + r.acceptor.deviceId()).hashCode();
    return IntStream.range(0, 7).mapToObj(i -> EMOJI.get(Math.floorMod(seed * 31 + i * 17, EMOJI.size()))).toList();
  }
}
