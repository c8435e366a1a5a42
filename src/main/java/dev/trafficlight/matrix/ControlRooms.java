package dev.trafficlight.matrix;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.trafficlight.core.Json;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/** The control rooms the coordinator serves; every change is saved, so a restart resumes them. */
final class ControlRooms {
  private final Map<String, ControlRoom> rooms = new LinkedHashMap<>();
  private final TransportStore store;
  private final Clock clock;

  ControlRooms(TransportStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
    store.rooms().ifPresent(saved -> {
      for (JsonNode room : saved) {
        ControlRoom r = ControlRoom.fromJson(room, clock.instant());
        rooms.put(r.roomId, r);
      }
    });
  }

  synchronized boolean contains(String roomId) {
    return rooms.containsKey(roomId);
  }

  synchronized void add(String roomId, String driver) {
    rooms.put(roomId, new ControlRoom(roomId, driver, clock.instant()));
    save();
  }

  synchronized void remove(String roomId) {
    if (rooms.remove(roomId) != null) {
      save();
    }
  }

  /** The driver of a room, if the room is ours. */
  synchronized Optional<String> driverOf(String roomId) {
    return Optional.ofNullable(rooms.get(roomId)).map(r -> r.driver);
  }

  /** Reads a room under the lock. */
  synchronized <T> Optional<T> read(String roomId, Function<ControlRoom, T> reader) {
    return Optional.ofNullable(rooms.get(roomId)).map(reader);
  }

  /** Changes a room under the lock, then saves. */
  synchronized <T> Optional<T> update(String roomId, Function<ControlRoom, T> change) {
    ControlRoom room = rooms.get(roomId);
    if (room == null) {
      return Optional.empty();
    }
    T result = change.apply(room);
    save();
    return Optional.ofNullable(result);
  }

  /** Notes that the driver of a room was heard from; not saved, as a restart starts the count afresh. */
  synchronized void heardFrom(String roomId, Instant when) {
    ControlRoom room = rooms.get(roomId);
    if (room != null) {
      room.lastHeard = when;
    }
  }

  /** Visits every room under the lock (no saving). */
  synchronized void forEach(Consumer<ControlRoom> visit) {
    rooms.values().forEach(visit);
  }

  synchronized List<String> roomIds() {
    return List.copyOf(rooms.keySet());
  }

  private void save() {
    ArrayNode all = Json.MAPPER.createArrayNode();
    rooms.values().forEach(r -> all.add(r.toJson()));
    store.saveRooms(all);
  }
}
