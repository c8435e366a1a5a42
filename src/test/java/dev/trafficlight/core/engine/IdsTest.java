package dev.trafficlight.core.engine;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IdsTest {
  @Test
  void every_id_is_twelve_hex_digits_with_its_leading_zeros_and_they_differ() {
    Set<String> seen = new HashSet<>();
    boolean sawLeadingZero = false;
    for (int i = 0; i < 10_000; i++) {
      String id = Ids.next();
      assertTrue(id.matches("[0-9a-f]{12}"), id);
      sawLeadingZero |= id.charAt(0) == '0';
      seen.add(id);
    }
    assertTrue(sawLeadingZero, "about one id in 16 starts with 0");
    assertTrue(seen.size() > 9_990, "ids repeat: " + (10_000 - seen.size()));
  }
}
