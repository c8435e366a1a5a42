package dev.trafficlight.http;

import dev.trafficlight.core.store.KeptToken;
import dev.trafficlight.core.store.TokenLedger;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each client's proof of identity. {@code register} hands out a token; a client that has once
 * sent its token must send it on every request from then on, so nobody else can act in its name.
 * A client that never sends it (an adapter written for the original server) is not asked for it.
 */
final class ClientTokens {
  /** Where a request carries its token: this header, or the {@link #QUERY} parameter. */
  static final String HEADER = "X-Trafficlight-Token";
  static final String QUERY = "token";

  /** What a request's token says. */
  enum Verdict { ACCEPTED, MISSING, WRONG }

  private record Entry(String token, boolean used) {}

  private static final SecureRandom RANDOM = new SecureRandom();
  private final Map<String, Entry> byUuid = new ConcurrentHashMap<>();
  private final TokenLedger ledger;

  ClientTokens() {
    this(TokenLedger.NONE, Map.of());
  }

  /** Tokens kept in a ledger, starting from those it kept before a restart. */
  ClientTokens(TokenLedger ledger, Map<String, KeptToken> kept) {
    this.ledger = ledger;
    kept.forEach((uuid, token) -> byUuid.put(uuid, new Entry(token.token(), token.used())));
  }

  /** Judges the token a request presents (null: none); a right token marks the client as one that uses it. */
  Verdict check(String uuid, String presented) {
    Entry entry = byUuid.get(uuid);
    if (entry == null) return Verdict.ACCEPTED;
    if (presented == null || presented.isEmpty()) return entry.used() ? Verdict.MISSING : Verdict.ACCEPTED;
    if (!constantTimeEquals(entry.token(), presented)) return Verdict.WRONG;
    if (!entry.used()) {
      byUuid.put(uuid, new Entry(entry.token(), true));
      ledger.kept(uuid, new KeptToken(entry.token(), true));
    }
    return Verdict.ACCEPTED;
  }

  /** The token for a client that just registered: its old one while it uses it, else a new one. */
  String issue(String uuid) {
    Entry entry = byUuid.get(uuid);
    if (entry != null && entry.used()) return entry.token();
    byte[] bytes = new byte[24];
    RANDOM.nextBytes(bytes);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    byUuid.put(uuid, new Entry(token, false));
    ledger.kept(uuid, new KeptToken(token, false));
    return token;
  }

  /** Forgets the tokens of clients the coordinator itself has forgotten, so the map is bounded by the registry. */
  void forgetUnless(java.util.function.Predicate<String> known) {
    byUuid.keySet().removeIf(uuid -> !known.test(uuid));
  }

  int size() {
    return byUuid.size();
  }

  private static boolean constantTimeEquals(String a, String b) {
    return java.security.MessageDigest.isEqual(a.getBytes(java.nio.charset.StandardCharsets.UTF_8),
        b.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }
}
