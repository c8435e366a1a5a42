package dev.trafficlight.core.catalogue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The naming rules for actions that a machine can check: snake_case, and a verb first. The rest
 * of the guide (named for what it does, {@code get_} only for passive reads, no hidden previous
 * steps) needs a reader; {@link #GUIDE} says it all for the published catalogue.
 */
public final class NamingGuide {
  /** The guide in words, for the top of the published catalogue. */
  public static final List<String> GUIDE = List.of(
      "**snake_case**, lower-case words joined by `_`: `send_message`, not `sendMessage`.",
      "**Verb first**: `invite_user`, not `user_invite` or `do_the_invite`.",
      "**`get_` only for passive reads** that change nothing, such as `get_timeline`; an action that changes something says what it changes.",
      "**Named for what it does**, not for the test that uses it or the platform that runs it: `verify_message_in_timeline`, not `check_step_3` or `android_check`.",
      "**No hidden previous steps**: an action does one thing and relies only on what earlier actions visibly did; if it needs a room open, the scenario opens it first.");

  private static final Pattern SNAKE_CASE = Pattern.compile("[a-z][a-z0-9]*(_[a-z0-9]+)*");

  /** Verbs an action's name may start with; a new verb is fine, but it should be a verb. */
  public static final Set<String> VERBS = Set.of(
      "accept", "add", "advance", "answer", "ban", "block", "call", "cancel", "change", "check", "clear", "click", "close",
      "confirm", "connect", "create", "decline", "delay", "delete", "deny", "disable", "disconnect", "dismiss", "download",
      "edit", "enable", "end", "enter", "expect", "export", "fetch", "find", "forget", "get", "give", "go", "hang", "hide",
      "import", "invite", "join", "kick", "knock", "leave", "load", "lock", "log", "login", "logout", "mark", "mute", "open",
      "pin", "play", "proxy", "react", "read", "redact", "refresh", "register", "reject", "reload", "remove", "rename",
      "reply", "report", "request", "reset", "restart", "restore", "resume", "rotate", "save", "scroll", "search", "select",
      "send", "set", "share", "show", "sign", "skip", "start", "stop", "submit", "switch", "sync", "take", "toggle", "type",
      "unban", "unblock", "undelay", "unlock", "unmute", "unpin", "update", "upgrade", "upload", "verify", "wait");

  private NamingGuide() {}

  /** What is wrong with a name by the mechanical rules; empty when nothing. */
  public static List<String> problems(String name) {
    List<String> problems = new ArrayList<>();
    if (!SNAKE_CASE.matcher(name).matches()) {
      problems.add("'" + name + "' is not snake_case (lower-case words joined by '_', e.g. send_message)");
    }
    String first = name.split("_", 2)[0].toLowerCase(java.util.Locale.ROOT);
    if (!VERBS.contains(first)) {
      problems.add("'" + name + "' does not start with a known verb (e.g. send_, invite_, verify_, get_ for a passive read); "
          + "'" + first + "' is not one");
    }
    return problems;
  }
}
