package dev.trafficlight.core.servers;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The servers made for one case, by the scenario's names: each an object with at least
 * {@code server_name} and {@code cs_api}, its other fields readable as {@code ${hs.field}}.
 *
 * @param handle what the provider needs to remove them again (null when nothing)
 */
public record ProvidedServers(Map<String, JsonNode> servers, JsonNode handle) {
  public static final String SERVER_NAME = "server_name";
  public static final String CS_API = "cs_api";

  public ProvidedServers {
    servers = Collections.unmodifiableMap(new LinkedHashMap<>(servers));
  }

  /** Why these cannot be used (a server without a name or URL), or null when they can. */
  public String problem(ServerRequest request) {
    for (ServerRequest.Wanted wanted : request.servers()) {
      JsonNode server = servers.get(wanted.name());
      if (server == null || !server.isObject()) return "no server was given for '" + wanted.name() + "'";
      if (!server.hasNonNull(SERVER_NAME) || !server.hasNonNull(CS_API)) {
        return "server '" + wanted.name() + "' lacks '" + SERVER_NAME + "' or '" + CS_API + "': " + server;
      }
    }
    return null;
  }
}
