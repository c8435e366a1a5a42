package dev.trafficlight.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import org.junit.jupiter.api.Test;

class ClientTokensTest {

  @Test
  void tokens_of_clients_the_coordinator_forgot_are_forgotten_too() {
    ClientTokens tokens = new ClientTokens();
    for (int i = 0; i < 100; i++) tokens.issue("c" + i);
    tokens.forgetUnless(Set.of("c1", "c2")::contains);
    assertEquals(2, tokens.size());
    assertEquals(ClientTokens.Verdict.ACCEPTED, tokens.check("c50", null), "a forgotten client starts afresh");
  }
}
