package dev.trafficlight.homeserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trafficlight.core.Json;
import io.javalin.http.Context;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The endpoints of the client-server API this server answers, under {@code /_matrix/client/v3/}
 * (and {@code r0}, which clients still use) and {@code /_matrix/media/v3/}. Anything else is
 * {@code 400 M_UNRECOGNIZED}, as Synapse answers an unknown endpoint.
 */
final class ClientServerApi {
  private final Accounts accounts;
  private final Rooms rooms;
  private final Media media;

  ClientServerApi(Accounts accounts, Rooms rooms, Media media) {
    this.accounts = accounts;
    this.rooms = rooms;
    this.media = media;
  }

  /** A Host header naming this machine's loopback (a missing one is an HTTP/1.0 client on it). */
  static boolean loopbackName(String host) {
    if (host == null) return true;
    String name = host.trim().toLowerCase(java.util.Locale.ROOT);
    if (name.startsWith("[")) return name.startsWith("[::1]");
    int colon = name.lastIndexOf(':');
    if (colon >= 0) name = name.substring(0, colon);
    return name.equals("localhost") || name.startsWith("127.");
  }

  void handle(Context ctx) throws InterruptedException {
    ctx.header("X-Content-Type-Options", "nosniff"); // media is served with the type its uploader gave
    try {
      if (!loopbackName(ctx.header("Host"))) {
        // it listens on loopback only; another name is a web page rebinding its own name to 127.0.0.1
        throw new MatrixError(421, "M_FORBIDDEN", "this demo homeserver answers only to 127.0.0.1 and localhost");
      }
      List<String> path = segments(ctx.path());
      if (path.size() >= 3 && path.get(1).equals("client") && path.get(2).equals("versions")) {
        ObjectNode versions = Json.object();
        versions.putArray("versions").add("r0.6.1").add("v1.1");
        reply(ctx, versions);
      } else if (path.size() >= 4 && path.get(1).equals("client") && (path.get(2).equals("v3") || path.get(2).equals("r0"))) {
        reply(ctx, client(ctx, ctx.method().name(), path.subList(3, path.size())));
      } else if (path.size() >= 4 && path.get(1).equals("media") && path.get(2).equals("v3")) {
        mediaCall(ctx, ctx.method().name(), path.subList(3, path.size()));
      } else {
        throw unrecognized();
      }
    } catch (MatrixError e) {
      error(ctx, e.status, e.errcode, e.getMessage());
    } catch (RuntimeException e) {
      // a client reads errors as JSON, whatever went wrong
      error(ctx, 500, "M_UNKNOWN", e.toString());
    }
  }

  private static void error(Context ctx, int status, String errcode, String message) {
    ctx.status(status).contentType("application/json").result(Json.object().put("errcode", errcode).put("error", message).toString());
  }

  private JsonNode client(Context ctx, String method, List<String> path) throws InterruptedException {
    String call = method + " " + path.get(0);
    if (call.equals("POST register") && path.size() == 1) return register(ctx, body(ctx));
    if (call.equals("POST login") && path.size() == 1) return login(body(ctx));
    String user = user(ctx);
    if (method.equals("GET") && path.equals(List.of("account", "whoami"))) return Json.object().put("user_id", user);
    if (method.equals("GET") && path.equals(List.of("sync"))) {
      long timeout = ctx.queryParam("timeout") == null ? 0 : parseLong(ctx.queryParam("timeout"));
      return rooms.sync(user, ctx.queryParam("since"), timeout, SyncFilter.parse(ctx.queryParam("filter")));
    }
    if (call.equals("POST createRoom") && path.size() == 1) return createRoom(user, body(ctx));
    if (call.equals("POST join") && path.size() == 2) return joined(user, path.get(1));
    if (path.size() >= 3 && path.get(0).equals("rooms")) {
      String roomId = path.get(1);
      String what = method + " " + path.get(2);
      if (what.equals("POST join") && path.size() == 3) return joined(user, roomId);
      if (what.equals("POST leave") && path.size() == 3) {
        rooms.leave(user, roomId);
        return Json.object();
      }
      if (what.equals("POST invite") && path.size() == 3) {
        String target = body(ctx).path("user_id").asText();
        if (!accounts.exists(target)) throw MatrixError.notFound("no user " + target);
        rooms.invite(user, roomId, target);
        return Json.object();
      }
      if (what.equals("GET members") && path.size() == 3) {
        ObjectNode members = Json.object();
        members.set("chunk", rooms.members(user, roomId));
        return members;
      }
      if (what.equals("PUT send") && path.size() == 5) {
        return Json.object().put("event_id", rooms.send(user, token(ctx), roomId, path.get(3), path.get(4), body(ctx)));
      }
    }
    throw unrecognized();
  }

  /** Open registration with the dummy flow; without it, 401 with the flows, as a real server starts the exchange. */
  private JsonNode register(Context ctx, JsonNode body) {
    if (!body.path("auth").path("type").asText().equals("m.login.dummy")) {
      ObjectNode flows = Json.object().put("session", UUID.randomUUID().toString());
      flows.putArray("flows").addObject().putArray("stages").add("m.login.dummy");
      flows.putObject("params");
      ctx.status(401);
      return flows;
    }
    String token = accounts.register(body.path("username").asText(""), body.path("password").asText(null));
    return Json.object().put("user_id", accounts.userOf(token)).put("access_token", token).put("device_id", "DEMO");
  }

  private JsonNode login(JsonNode body) {
    if (!body.path("type").asText().equals("m.login.password")) throw MatrixError.badRequest("M_UNKNOWN", "only m.login.password");
    String user = body.path("identifier").path("user").asText(body.path("user").asText(""));
    String localpart = user.startsWith("@") && user.contains(":") ? user.substring(1, user.indexOf(':')) : user;
    String token = accounts.login(localpart, body.path("password").asText(null));
    return Json.object().put("user_id", accounts.userOf(token)).put("access_token", token).put("device_id", "DEMO");
  }

  private JsonNode createRoom(String user, JsonNode body) {
    List<String> invites = new ArrayList<>();
    body.path("invite").forEach(invitee -> invites.add(invitee.asText()));
    for (String invitee : invites) if (!accounts.exists(invitee)) throw MatrixError.notFound("no user " + invitee);
    return Json.object().put("room_id", rooms.create(user, body.hasNonNull("name") ? body.get("name").asText() : null, invites));
  }

  private JsonNode joined(String user, String roomId) {
    rooms.join(user, roomId);
    return Json.object().put("room_id", roomId);
  }

  private void mediaCall(Context ctx, String method, List<String> path) {
    user(ctx);
    if (method.equals("POST") && path.equals(List.of("upload"))) {
      reply(ctx, Json.object().put("content_uri", media.upload(ctx.bodyAsBytes(), ctx.contentType())));
    } else if (method.equals("GET") && path.size() >= 3 && path.get(0).equals("download")) {
      Media.File file = media.download(path.get(1), path.get(2));
      ctx.contentType(file.contentType()).result(file.bytes());
    } else {
      throw unrecognized();
    }
  }

  private String user(Context ctx) {
    String token = token(ctx);
    if (token == null) throw new MatrixError(401, "M_MISSING_TOKEN", "missing access token");
    String user = accounts.userOf(token);
    if (user == null) throw new MatrixError(401, "M_UNKNOWN_TOKEN", "Invalid access token passed.");
    return user;
  }

  private static String token(Context ctx) {
    String header = ctx.header("Authorization");
    if (header != null && header.startsWith("Bearer ")) return header.substring(7);
    return ctx.queryParam("access_token");
  }

  private static JsonNode body(Context ctx) {
    String text = ctx.body();
    if (text.isBlank()) return Json.object();
    try {
      JsonNode body = Json.parse(text);
      if (!body.isObject()) throw MatrixError.badRequest("M_BAD_JSON", "the body must be a JSON object");
      return body;
    } catch (IllegalArgumentException e) {
      throw MatrixError.badRequest("M_NOT_JSON", "the body is not JSON: " + e.getMessage());
    }
  }

  private static long parseLong(String text) {
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw MatrixError.badRequest("M_INVALID_PARAM", "not a number: " + text);
    }
  }

  private static void reply(Context ctx, JsonNode body) {
    ctx.contentType("application/json").result(body.toString());
  }

  private static MatrixError unrecognized() {
    return MatrixError.badRequest("M_UNRECOGNIZED", "Unrecognized request");
  }

  /** The path's segments after {@code /_matrix}, decoded: room ids arrive as {@code %21room%3Ahs}. */
  private static List<String> segments(String rawPath) {
    List<String> parts = new ArrayList<>();
    for (String part : rawPath.substring(1).split("/")) {
      parts.add(URLDecoder.decode(part.replace("+", "%2B"), StandardCharsets.UTF_8));
    }
    return parts;
  }
}
