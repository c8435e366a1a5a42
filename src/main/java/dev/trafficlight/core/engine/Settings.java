package dev.trafficlight.core.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trafficlight.core.Json;
import java.time.Duration;
import java.util.List;

/**
 * The coordinator's knobs.
 *
 * @param homeservers the static homeservers cases use, each with at least {@code server_name} and
 *     {@code cs_api}; a case's servers take them in order
 * @param idleDrop an idle client that has not polled for this long is dropped
 * @param silenceLimit a client in a case that has neither polled nor answered for this long puts
 *     the case in error
 * @param idleDelay the {@code delay} an {@code idle} reply suggests before the next poll
 * @param prepareTimeout the longest a case may wait for its servers to be made
 * @param forgetExited an exited client is forgotten this long after it exited, so that clients
 *     that come and go do not make the registry grow without bound
 */
public record Settings(List<JsonNode> homeservers, Duration stepTimeout, Duration caseTimeout,
    Duration idleDrop, Duration silenceLimit, Duration idleDelay, Duration prepareTimeout, Duration forgetExited) {

  public Settings {
    homeservers = List.copyOf(homeservers);
    for (JsonNode hs : homeservers) {
      if (!hs.isObject() || !hs.hasNonNull("server_name") || !hs.hasNonNull("cs_api")) {
        throw new IllegalArgumentException("a homeserver needs 'server_name' and 'cs_api': " + hs);
      }
    }
  }

  /** Two local homeservers on the ports a Synapse pair usually takes; replace them in the config file. */
  public static List<JsonNode> localHomeservers() {
    ObjectNode first = Json.object().put("server_name", "localhost").put("cs_api", "http://localhost:8008")
        .put("cs_api_docker", "http://10.0.2.2:8008");
    ObjectNode second = Json.object().put("server_name", "localhost:8009").put("cs_api", "http://localhost:8009")
        .put("cs_api_docker", "http://10.0.2.2:8009");
    return List.of(first, second);
  }

  public static Settings defaults() {
    return new Settings(localHomeservers(), Duration.ofMinutes(3), Duration.ofMinutes(30),
        Duration.ofSeconds(60), Duration.ofSeconds(180), Duration.ofSeconds(1), Duration.ofMinutes(10), Duration.ofMinutes(10));
  }

  public Settings withHomeservers(List<JsonNode> servers) {
    return new Settings(servers, stepTimeout, caseTimeout, idleDrop, silenceLimit, idleDelay, prepareTimeout, forgetExited);
  }

  public Settings withStepTimeout(Duration d) {
    return new Settings(homeservers, d, caseTimeout, idleDrop, silenceLimit, idleDelay, prepareTimeout, forgetExited);
  }

  public Settings withCaseTimeout(Duration d) {
    return new Settings(homeservers, stepTimeout, d, idleDrop, silenceLimit, idleDelay, prepareTimeout, forgetExited);
  }

  public Settings withIdleDrop(Duration d) {
    return new Settings(homeservers, stepTimeout, caseTimeout, d, silenceLimit, idleDelay, prepareTimeout, forgetExited);
  }

  public Settings withSilenceLimit(Duration d) {
    return new Settings(homeservers, stepTimeout, caseTimeout, idleDrop, d, idleDelay, prepareTimeout, forgetExited);
  }

  public Settings withIdleDelay(Duration d) {
    return new Settings(homeservers, stepTimeout, caseTimeout, idleDrop, silenceLimit, d, prepareTimeout, forgetExited);
  }

  public Settings withPrepareTimeout(Duration d) {
    return new Settings(homeservers, stepTimeout, caseTimeout, idleDrop, silenceLimit, idleDelay, d, forgetExited);
  }

  public Settings withForgetExited(Duration d) {
    return new Settings(homeservers, stepTimeout, caseTimeout, idleDrop, silenceLimit, idleDelay, prepareTimeout, d);
  }
}
