package dev.trafficlight.homeserver;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/** Users with their passwords, and the access tokens that stand for them. */
final class Accounts {
  private static final Pattern LOCALPART = Pattern.compile("[a-z0-9._=/+-]{1,64}");

  private final String serverName;
  private final Map<String, String> passwords = new HashMap<>();
  private final Map<String, String> userByToken = new HashMap<>();

  Accounts(String serverName) {
    this.serverName = serverName;
  }

  /** Creates a user and answers its first access token; user names are lower-cased, as Synapse does. */
  synchronized String register(String localpart, String password) {
    String name = localpart.toLowerCase(Locale.ROOT);
    if (!LOCALPART.matcher(name).matches()) throw MatrixError.badRequest("M_INVALID_USERNAME", "invalid user name '" + localpart + "'");
    String user = userId(name);
    if (passwords.containsKey(user)) throw MatrixError.badRequest("M_USER_IN_USE", user + " is already taken");
    if (passwords.size() >= Limits.ACCOUNTS) throw MatrixError.full("accounts", Limits.ACCOUNTS);
    passwords.put(user, password);
    return newToken(user);
  }

  /** A password login; each one is a new device with a new token. */
  synchronized String login(String localpart, String password) {
    String user = userId(localpart.toLowerCase(Locale.ROOT));
    if (password == null || !password.equals(passwords.get(user))) throw MatrixError.forbidden("invalid user name or password");
    return newToken(user);
  }

  synchronized boolean exists(String user) {
    return passwords.containsKey(user);
  }

  /** The user a token stands for, or null. */
  synchronized String userOf(String token) {
    return userByToken.get(token);
  }

  String userId(String localpart) {
    return "@" + localpart + ":" + serverName;
  }

  private String newToken(String user) {
    // every login is a token kept for good: a demo left running must not grow without end
    if (userByToken.size() >= Limits.ACCOUNTS * 10) throw MatrixError.full("access tokens", Limits.ACCOUNTS * 10);
    String token = "demo_" + UUID.randomUUID().toString().replace("-", "");
    userByToken.put(token, user);
    return token;
  }
}
