package dev.trafficlight.matrix;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.trafficlight.core.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The control rooms the coordinator serves, under one lock. Changes are saved together by
 * {@link #flush} (after each sync batch, before its token, and on close) rather than one file
 * write per event, so that a busy room costs no disk write on the round trip.
 */
final class ControlRooms {
  private final Map<String, ControlRoom> rooms = new LinkedHashMap<>();
  private final TransportStore store;
  private boolean dirty;

  ControlRooms(TransportStore store) {
    this.store = store;
    store.rooms().ifPresent(saved -> {
      for (JsonNode room : saved) {
        ControlRoom r = ControlRoom.fromJson(room);
        rooms.put(r.roomId, r);
      }
    });
  }

  synchronized boolean contains(String roomId) {
    return rooms.containsKey(roomId);
  }

  /** A room the coordinator has just joined at {@code joinedAt} (the homeserver's timestamp). */
  synchronized void joined(String roomId, String driver, long joinedAt) {
    ControlRoom room = new ControlRoom(roomId, driver, joinedAt);
    room.freshJoin = true;
    rooms.put(roomId, room);
    dirty = true;
  }

  /** Forgets a room; answers the client that was registered there, if any. */
  synchronized Optional<String> remove(String roomId) {
    ControlRoom room = rooms.remove(roomId);
    dirty |= room != null;
    return Optional.ofNullable(room).map(r -> r.exited ? null : r.uuid);
  }

  /** Reads a room under the lock. */
  synchronized <T> Optional<T> read(String roomId, Function<ControlRoom, T> reader) {
    return Optional.ofNullable(rooms.get(roomId)).map(reader);
  }

  /** Changes a room under the lock; saved with the next {@link #flush}. */
  synchronized <T> Optional<T> update(String roomId, Function<ControlRoom, T> change) {
    ControlRoom room = rooms.get(roomId);
    if (room == null) {
      return Optional.empty();
    }
    dirty = true;
    return Optional.ofNullable(change.apply(room));
  }

  /** The client now lives in {@code roomId}: any other room that named it loses it, so answers there cannot reach it. */
  synchronized void claim(String roomId, String uuid) {
    for (ControlRoom other : rooms.values()) {
      if (!other.roomId.equals(roomId) && uuid.equals(other.uuid)) {
        other.uuid = null;
        other.actionId = null;
        dirty = true;
      }
    }
  }

  /** A copy of every room's id, driver and client, for a restart. */
  synchronized List<ControlRoom> snapshot() {
    List<ControlRoom> copy = new ArrayList<>();
    for (ControlRoom room : rooms.values()) {
      copy.add(ControlRoom.fromJson(room.toJson()));
    }
    return copy;
  }

  /** Saves the rooms if anything changed since the last save. */
  synchronized void flush() {
    if (!dirty) {
      return;
    }
    ArrayNode all = Json.MAPPER.createArrayNode();
    rooms.values().forEach(r -> all.add(r.toJson()));
    store.saveRooms(all);
    dirty = false;
  }
}
