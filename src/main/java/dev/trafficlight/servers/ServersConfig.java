package dev.trafficlight.servers;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trafficlight.core.Durations;
import dev.trafficlight.core.engine.Services;
import dev.trafficlight.core.servers.FixedServers;
import dev.trafficlight.core.servers.MixedServers;
import dev.trafficlight.core.servers.ServerProvider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import okhttp3.HttpUrl;

/**
 * The config file's {@code servers:} section, read and checked: which provider makes the
 * homeservers cases use. Values only; {@link #services} builds the provider for one coordinator,
 * with the coordinator's own Matrix calls.
 *
 * @param provider {@code static}, {@code homerunner} or {@code command}
 * @param defaultType the type of a server the scenario gave none (null: none)
 * @param parallel how many provider calls may run at once
 */
public record ServersConfig(String provider, String defaultType, int parallel, HttpUrl homerunner,
    Map<String, String> images, Duration createTimeout, List<String> start, List<String> stop, Duration scriptTimeout) {
  public static final String STATIC = "static";
  public static final String HOMERUNNER = "homerunner";
  public static final String COMMAND = "command";
  private static final Set<String> KEYS = Set.of("provider", "default_type", "parallel", HOMERUNNER, COMMAND);
  private static final Set<String> HOMERUNNER_KEYS = Set.of("url", "images", "timeout");
  private static final Set<String> COMMAND_KEYS = Set.of("start", "stop", "timeout");
  private static final int MAX_PARALLEL = 32;

  /** Today's behaviour: the fixed {@code homeservers} list, nothing made. */
  public static ServersConfig fixed() {
    return new ServersConfig(STATIC, null, 4, null, Map.of(), Duration.ofMinutes(5), List.of(), List.of(), Duration.ofMinutes(2));
  }

  /** Reads the section; throws {@link IllegalArgumentException} naming the key at fault. */
  public static ServersConfig parse(JsonNode section) {
    if (section == null || section.isMissingNode() || section.isNull()) return fixed();
    keys(section, KEYS, "servers");
    String provider = section.path("provider").asText(STATIC);
    if (!List.of(STATIC, HOMERUNNER, COMMAND).contains(provider)) {
      throw new IllegalArgumentException("servers.provider is static, homerunner or command, not '" + provider + "'");
    }
    String defaultType = section.hasNonNull("default_type") ? section.get("default_type").asText() : null;
    int parallel = section.path("parallel").asInt(4);
    if (!section.path("parallel").isMissingNode() && (!section.get("parallel").canConvertToExactIntegral()
        || parallel < 1 || parallel > MAX_PARALLEL)) {
      throw new IllegalArgumentException("servers.parallel is a whole number from 1 to " + MAX_PARALLEL + ", not " + section.get("parallel"));
    }
    ServersConfig base = fixed();
    HttpUrl url = null;
    Map<String, String> images = new LinkedHashMap<>();
    Duration createTimeout = base.createTimeout();
    if (provider.equals(HOMERUNNER) || section.has(HOMERUNNER)) {
      JsonNode h = required(section, HOMERUNNER, provider);
      keys(h, HOMERUNNER_KEYS, "servers.homerunner");
      url = HttpUrl.parse(h.path("url").asText(""));
      if (url == null) throw new IllegalArgumentException("servers.homerunner.url is an http(s) URL, e.g. http://localhost:54321; got " + h.get("url"));
      JsonNode written = h.path("images");
      if (!written.isObject() || written.isEmpty()) {
        throw new IllegalArgumentException("servers.homerunner.images maps server types to Docker images, e.g. {synapse: complement-synapse}");
      }
      written.fields().forEachRemaining(e -> {
        if (!e.getValue().isTextual()) throw new IllegalArgumentException("servers.homerunner.images." + e.getKey() + " is an image name");
        images.put(e.getKey(), e.getValue().asText());
      });
      createTimeout = duration(h, "servers.homerunner.timeout", createTimeout);
    }
    List<String> start = List.of();
    List<String> stop = List.of();
    Duration scriptTimeout = base.scriptTimeout();
    if (provider.equals(COMMAND) || section.has(COMMAND)) {
      JsonNode c = required(section, COMMAND, provider);
      keys(c, COMMAND_KEYS, "servers.command");
      start = command(c.path("start"), "servers.command.start");
      stop = command(c.path("stop"), "servers.command.stop");
      scriptTimeout = duration(c, "servers.command.timeout", scriptTimeout);
    }
    return new ServersConfig(provider, defaultType, parallel, url, Map.copyOf(images), createTimeout, start, stop, scriptTimeout);
  }

  /** The provider, with the fixed homeservers standing in for the types they list, and its threads. */
  public Services services(List<JsonNode> homeservers) {
    FixedServers fixedServers = new FixedServers(homeservers);
    ServerProvider maker = switch (provider) {
      case HOMERUNNER -> new HomerunnerProvider(homerunner, images, createTimeout, Duration.ofSeconds(60));
      case COMMAND -> new CommandProvider(start, stop, scriptTimeout);
      default -> null;
    };
    return Services.of(maker == null ? fixedServers : new MixedServers(fixedServers, maker, defaultType), parallel)
        .withCalls(new MatrixCalls());
  }

  private static JsonNode required(JsonNode section, String key, String provider) {
    JsonNode value = section.path(key);
    if (!value.isObject()) {
      throw new IllegalArgumentException("servers." + key + " must be a mapping" + (provider.equals(key) ? " when servers.provider is " + key : ""));
    }
    return value;
  }

  /** A command as a list of words, run as it is, or as one line, run by {@code sh -c}. */
  private static List<String> command(JsonNode written, String where) {
    if (written.isTextual() && !written.asText().isBlank()) return List.of("sh", "-c", written.asText());
    if (written.isArray() && !written.isEmpty()) {
      List<String> words = new ArrayList<>();
      written.forEach(w -> words.add(w.asText()));
      return words;
    }
    throw new IllegalArgumentException(where + " is a command: a line for sh, or a list of words, e.g. [./start-synapse.sh]");
  }

  private static Duration duration(JsonNode section, String where, Duration fallback) {
    if (!section.has("timeout")) return fallback;
    try {
      return Durations.parse(section.get("timeout").asText());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(where + ": " + e.getMessage());
    }
  }

  private static void keys(JsonNode section, Set<String> allowed, String where) {
    if (!section.isObject()) throw new IllegalArgumentException(where + " must be a mapping");
    for (Iterator<String> it = section.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!allowed.contains(key)) {
        throw new IllegalArgumentException("unknown key '" + key + "' in " + where + "; expected one of " + allowed.stream().sorted().toList());
      }
    }
  }
}
