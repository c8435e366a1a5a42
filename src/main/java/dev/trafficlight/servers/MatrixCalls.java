package dev.trafficlight.servers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trafficlight.core.Durations;
import dev.trafficlight.core.Json;
import dev.trafficlight.core.scenario.Like;
import dev.trafficlight.core.servers.HomeserverCalls;
import java.io.IOException;
import java.time.Duration;
import java.util.UUID;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * The coordinator's own Matrix client-server calls against a case's homeserver, beside the
 * clients under test: {@code register_user}, {@code login}, {@code create_room},
 * {@code send_message}, and {@code wait_for_event}, which long-polls {@code /sync} until an event
 * like the one asked for is in the room. Every call ends within its timeout.
 */
public final class MatrixCalls implements HomeserverCalls {
  private static final MediaType JSON = MediaType.get("application/json");
  private static final String V3 = "_matrix/client/v3";
  /** The longest one /sync is held: a shutdown never waits longer than this for a call to notice. */
  private static final Duration SYNC_HOLD = Duration.ofSeconds(10);
  private static final int MAX_ERROR_TEXT = 300;

  /** Made at the first call: its TLS set-up would cost every start, and most runs make no calls. */
  private OkHttpClient http;

  private synchronized OkHttpClient http() {
    if (http == null) http = new OkHttpClient();
    return http;
  }

  @Override
  public JsonNode call(String name, JsonNode server, JsonNode args, Duration timeout) throws CallFailure {
    HttpUrl base = HttpUrl.parse(server.path("cs_api").asText(""));
    if (base == null) throw new CallFailure("the server's cs_api is not a URL: " + server.path("cs_api"), false);
    Call call = new Call(name, base, args, timeout);
    return switch (name) {
      case "register_user" -> call.register();
      case "login" -> call.login();
      case "create_room" -> call.createRoom();
      case "send_message" -> call.sendMessage();
      case "wait_for_event" -> call.waitForEvent();
      default -> throw new CallFailure("no call is named '" + name + "'", false);
    };
  }

  /** One call's arguments and deadline. */
  private final class Call {
    private final String name;
    private final HttpUrl base;
    private final JsonNode args;
    private final Duration timeout;
    private final long deadline;

    Call(String name, HttpUrl base, JsonNode args, Duration timeout) {
      this.name = name;
      this.base = base;
      this.args = args;
      this.timeout = timeout;
      this.deadline = System.nanoTime() + timeout.toNanos();
    }

    JsonNode register() throws CallFailure {
      ObjectNode body = Json.object().put("username", arg("username")).put("password", arg("password"))
          .put("inhibit_login", false);
      Reply first = send("POST", url("register"), body, null);
      if (first.code() == 200) return first.json();
      // User-interactive auth: a dummy stage with the session the first answer handed out.
      String session = first.json().path("session").asText(null);
      if (first.code() != 401 || session == null) throw failure(first);
      body.putObject("auth").put("type", "m.login.dummy").put("session", session);
      return ok(send("POST", url("register"), body, null));
    }

    JsonNode login() throws CallFailure {
      ObjectNode body = Json.object().put("type", "m.login.password").put("password", arg("password"));
      body.putObject("identifier").put("type", "m.id.user").put("user", arg("username"));
      return ok(send("POST", url("login"), body, null));
    }

    JsonNode createRoom() throws CallFailure {
      ObjectNode body = Json.object();
      for (String field : new String[] {"name", "topic", "preset", "invite", "is_direct"}) {
        if (args.has(field)) body.set(field, args.get(field));
      }
      if (body.has("invite") && body.get("invite").isTextual()) {
        body.putArray("invite").add(args.get("invite").asText());
      }
      return ok(send("POST", url("createRoom"), body, arg("access_token")));
    }

    JsonNode sendMessage() throws CallFailure {
      ObjectNode content = Json.object().put("msgtype", args.path("msgtype").asText("m.text")).put("body", arg("body"));
      HttpUrl url = base.newBuilder().addPathSegments(V3).addPathSegment("rooms").addPathSegment(arg("room_id"))
          .addPathSegment("send").addPathSegment("m.room.message").addPathSegment(UUID.randomUUID().toString()).build();
      return ok(send("PUT", url, content, arg("access_token")));
    }

    /** Syncs until an event of the type, like the pattern, is in the room's timeline; what was there before counts too. */
    JsonNode waitForEvent() throws CallFailure {
      String room = arg("room_id");
      String type = args.path("type").asText("m.room.message");
      JsonNode like = args.has("like") ? args.get("like") : Json.object();
      ObjectNode filter = Json.object();
      ObjectNode roomFilter = filter.putObject("room");
      roomFilter.putArray("rooms").add(room);
      roomFilter.putObject("timeline").put("limit", 50);
      String since = null;
      while (true) {
        long leftMs = (deadline - System.nanoTime()) / 1_000_000;
        if (leftMs <= 0) {
          throw new CallFailure("no event of type " + type + " like " + like + " came in room " + room + " within "
              + Durations.format(timeout), true);
        }
        HttpUrl.Builder url = base.newBuilder().addPathSegments(V3).addPathSegment("sync")
            .addQueryParameter("filter", filter.toString())
            .addQueryParameter("timeout", String.valueOf(since == null ? 0 : Math.min(leftMs, SYNC_HOLD.toMillis())));
        if (since != null) url.addQueryParameter("since", since);
        JsonNode batch = ok(send("GET", url.build(), null, arg("access_token")));
        for (JsonNode event : batch.path("rooms").path("join").path(room).path("timeline").path("events")) {
          if (type.equals(event.path("type").asText()) && Like.matches(event, like)) return event;
        }
        since = batch.path("next_batch").asText(since);
      }
    }

    private String arg(String field) throws CallFailure {
      JsonNode value = args.get(field);
      if (value == null || !value.isValueNode()) throw new CallFailure(name + " needs '" + field + "'", false);
      return value.asText();
    }

    private HttpUrl url(String endpoint) {
      return base.newBuilder().addPathSegments(V3).addPathSegment(endpoint).build();
    }

    private Reply send(String method, HttpUrl url, JsonNode body, String token) throws CallFailure {
      long leftMs = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
      Request.Builder request = new Request.Builder().url(url)
          .method(method, body == null ? null : RequestBody.create(body.toString(), JSON));
      if (token != null) request.header("Authorization", "Bearer " + token);
      // One request may take what is left of the call's time, and a held /sync a little more.
      OkHttpClient client = http().newBuilder().callTimeout(Duration.ofMillis(leftMs).plusSeconds(2)).readTimeout(Duration.ofMillis(leftMs)
          .plusSeconds(2)).build();
      try (Response response = client.newCall(request.build()).execute()) {
        String text = response.body() == null ? "" : response.body().string();
        JsonNode json;
        try {
          json = text.isBlank() ? Json.object() : Json.parse(text);
        } catch (IllegalArgumentException e) {
          json = Json.object().put("error", cut(text));
        }
        return new Reply(response.code(), json);
      } catch (IOException e) {
        throw new CallFailure(name + ": cannot reach " + base + ": " + e, false);
      }
    }

    private JsonNode ok(Reply reply) throws CallFailure {
      if (reply.code() / 100 != 2) throw failure(reply);
      return reply.json();
    }

    private CallFailure failure(Reply reply) {
      String error = (reply.json().path("errcode").asText("") + " " + reply.json().path("error").asText("")).strip();
      return new CallFailure(name + ": " + base + " answered " + reply.code() + (error.isEmpty() ? "" : " " + cut(error)), false);
    }
  }

  private record Reply(int code, JsonNode json) {}

  private static String cut(String text) {
    return text.length() <= MAX_ERROR_TEXT ? text : text.substring(0, MAX_ERROR_TEXT) + "…";
  }
}
