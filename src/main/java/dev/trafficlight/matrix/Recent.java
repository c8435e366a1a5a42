package dev.trafficlight.matrix;

import java.util.LinkedHashMap;
import java.util.Map;

/** A map that keeps only its newest entries, so that what a room remembers stays bounded. Not thread-safe. */
final class Recent<K, V> extends LinkedHashMap<K, V> {
  private final int capacity;

  Recent(int capacity) {
    super(16, 0.75f, false);
    this.capacity = capacity;
  }

  @Override
  protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
    return size() > capacity;
  }
}
