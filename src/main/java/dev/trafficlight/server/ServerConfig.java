package dev.trafficlight.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.trafficlight.core.engine.Settings;
import dev.trafficlight.core.Durations;
import dev.trafficlight.http.HttpSettings;
import dev.trafficlight.http.UploadLimits;
import dev.trafficlight.servers.ServersConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The {@code --config} YAML file: homeservers, timeouts, HTTP and Matrix settings. Every part is
 * optional; see the README's "Configuration" section for a complete example.
 *
 * @param matrix the {@code matrix:} section as written, or null when absent
 * @param servers which provider makes the cases' homeservers
 * @param access who may reach the coordinator
 */
public record ServerConfig(Settings engine, HttpSettings http, JsonNode matrix, ServersConfig servers,
    AccessSettings access) {
  private static final Set<String> TOP_KEYS = Set.of("homeservers", "servers", "timeouts", "http", "matrix", "access");
  private static final Set<String> ACCESS_KEYS = Set.of("secret_path", "viewer_password", "allowed_hosts");
  private static final Set<String> TIMEOUT_KEYS = Set.of("step", "case", "idle_drop", "silence", "prepare", "forget_exited");
  private static final Set<String> HTTP_KEYS = Set.of("hold", "max_hold", "max_upload_mb", "idle_delay",
      "quota_client_mb", "quota_case_mb", "quota_total_mb");

  /** A config whose cases use the fixed homeservers, open to anyone who can reach it. */
  public ServerConfig(Settings engine, HttpSettings http, JsonNode matrix) {
    this(engine, http, matrix, ServersConfig.fixed(), AccessSettings.open());
  }

  /** As the three-argument form, with another server provider. */
  public ServerConfig(Settings engine, HttpSettings http, JsonNode matrix, ServersConfig servers) {
    this(engine, http, matrix, servers, AccessSettings.open());
  }

  /** As the three-argument form, with access rules. */
  public ServerConfig(Settings engine, HttpSettings http, JsonNode matrix, AccessSettings access) {
    this(engine, http, matrix, ServersConfig.fixed(), access);
  }

  public static ServerConfig defaults() {
    return new ServerConfig(Settings.defaults(), HttpSettings.defaults(), null);
  }

  public static ServerConfig read(Path file) throws IOException {
    JsonNode root;
    try {
      root = new YAMLMapper().readTree(Files.readString(file));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException(file + ": cannot be parsed: " + e.getOriginalMessage());
    }
    try {
      return parse(root == null ? new YAMLMapper().createObjectNode() : root);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage());
    }
  }

  /** Reads a config already parsed from YAML. */
  public static ServerConfig parse(JsonNode root) {
    check(root, TOP_KEYS, "the config file");
    Settings engine = Settings.defaults();
    if (root.has("homeservers")) {
      List<JsonNode> servers = new ArrayList<>();
      root.get("homeservers").forEach(servers::add);
      engine = engine.withHomeservers(servers);
    }
    JsonNode timeouts = root.path("timeouts");
    check(timeouts, TIMEOUT_KEYS, "timeouts");
    engine = duration(timeouts, "step", engine, engine::withStepTimeout);
    engine = duration(timeouts, "case", engine, engine::withCaseTimeout);
    engine = duration(timeouts, "idle_drop", engine, engine::withIdleDrop);
    engine = duration(timeouts, "silence", engine, engine::withSilenceLimit);
    engine = duration(timeouts, "prepare", engine, engine::withPrepareTimeout);
    engine = duration(timeouts, "forget_exited", engine, engine::withForgetExited);
    JsonNode http = root.path("http");
    check(http, HTTP_KEYS, "http");
    engine = duration(http, "idle_delay", engine, engine::withIdleDelay);
    HttpSettings httpSettings = HttpSettings.defaults();
    if (http.has("hold")) httpSettings = httpSettings.withDefaultHold(Durations.parse(http.get("hold").asText()));
    if (http.has("max_hold")) {
      httpSettings = new HttpSettings(httpSettings.defaultHold(), Durations.parse(http.get("max_hold").asText()),
          httpSettings.maxUploadBytes(), httpSettings.quotas());
    }
    if (http.has("max_upload_mb")) {
      JsonNode mb = http.get("max_upload_mb");
      if (!mb.canConvertToExactIntegral() || mb.asLong() <= 0 || mb.asLong() > 1024 * 1024) {
        throw new IllegalArgumentException("http.max_upload_mb is a whole number of megabytes above 0, not " + mb);
      }
      httpSettings = httpSettings.withMaxUploadBytes(mb.asLong() * 1024 * 1024);
    }
    UploadLimits q = httpSettings.quotas();
    httpSettings = httpSettings.withQuotas(new UploadLimits(megabytes(http, "quota_client_mb", q.perClient()),
        megabytes(http, "quota_case_mb", q.perCase()), megabytes(http, "quota_total_mb", q.total())));
    check(root.path("access"), ACCESS_KEYS, "access");
    return new ServerConfig(engine, httpSettings, root.get("matrix"), ServersConfig.parse(root.get("servers")),
        AccessSettings.from(root.get("access")));
  }

  private static long megabytes(JsonNode section, String key, long fallbackBytes) {
    JsonNode mb = section.get(key);
    if (mb == null) return fallbackBytes;
    if (!mb.canConvertToExactIntegral() || mb.asLong() <= 0 || mb.asLong() > 1024L * 1024 * 1024) {
      throw new IllegalArgumentException("http." + key + " is a whole number of megabytes above 0, not " + mb);
    }
    return mb.asLong() * 1024 * 1024;
  }

  private static <T> T duration(JsonNode section, String key, T current, Function<Duration, T> with) {
    return section.has(key) ? with.apply(Durations.parse(section.get(key).asText())) : current;
  }

  private static void check(JsonNode section, Set<String> allowed, String where) {
    if (section.isMissingNode()) return;
    if (!section.isObject()) throw new IllegalArgumentException(where + " must be a mapping");
    for (Iterator<String> it = section.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!allowed.contains(key)) {
        throw new IllegalArgumentException("unknown key '" + key + "' in " + where + "; expected one of " + allowed.stream().sorted().toList());
      }
    }
  }
}
