package dev.trafficlight.servers;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trafficlight.core.Json;
import dev.trafficlight.core.servers.ProvidedServers;
import dev.trafficlight.core.servers.ServerProvider;
import dev.trafficlight.core.servers.ServerProviderException;
import dev.trafficlight.core.servers.ServerRequest;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Homeservers started by a user's own scripts, for labs without Docker: {@code start} runs once
 * per server and prints the server as a JSON object on its last line (at least
 * {@code server_name} and {@code cs_api}); {@code stop} runs once per started server when the
 * case ends. Both see {@code TRAFFICLIGHT_CASE_ID}, {@code TRAFFICLIGHT_CASE_TOKEN},
 * {@code TRAFFICLIGHT_SERVER} and {@code TRAFFICLIGHT_SERVER_TYPE}; stop also
 * {@code TRAFFICLIGHT_SERVER_JSON}, the line start printed.
 */
public final class CommandProvider implements ServerProvider {
  private final List<String> start;
  private final List<String> stop;
  private final Duration limit;

  public CommandProvider(List<String> start, List<String> stop, Duration limit) {
    this.start = List.copyOf(start);
    this.stop = List.copyOf(stop);
    this.limit = limit;
  }

  @Override
  public ProvidedServers provide(ServerRequest request) throws ServerProviderException {
    Map<String, JsonNode> started = new LinkedHashMap<>();
    try {
      for (ServerRequest.Wanted wanted : request.servers()) {
        started.put(wanted.name(), startOne(request, wanted));
      }
    } catch (ServerProviderException e) {
      // The engine only knows what provide returned: stop what was started before the failure here,
      // even when the failure is a shutdown's interrupt.
      boolean interrupted = Thread.interrupted();
      try {
        stopAll(request, started);
      } catch (ServerProviderException also) {
        e.addSuppressed(also);
      } finally {
        if (interrupted) Thread.currentThread().interrupt();
      }
      throw e;
    }
    return new ProvidedServers(started, null);
  }

  private JsonNode startOne(ServerRequest request, ServerRequest.Wanted wanted) throws ServerProviderException {
    Processes.Result result = run(start, env(request, wanted), "start");
    if (result.exit() != 0) {
      throw new ServerProviderException("start script for '" + wanted.name() + "' exited with " + result.exit() + ": "
          + Processes.tail(result.err()));
    }
    List<String> lines = result.out().strip().lines().toList();
    String last = lines.isEmpty() ? "" : lines.get(lines.size() - 1).strip();
    JsonNode server;
    try {
      server = Json.parse(last);
    } catch (IllegalArgumentException e) {
      server = null;
    }
    if (server == null || !server.isObject() || !server.hasNonNull(ProvidedServers.SERVER_NAME)
        || !server.hasNonNull(ProvidedServers.CS_API)) {
      throw new ServerProviderException("start script for '" + wanted.name() + "' must print, as its last line, a JSON "
          + "object with server_name and cs_api; it printed: " + (last.isEmpty() ? "(nothing)" : last));
    }
    return server;
  }

  @Override
  public void release(ServerRequest request, ProvidedServers servers) throws ServerProviderException {
    if (servers == null) return; // provide already stopped whatever it had started
    stopAll(request, servers.servers());
  }

  private void stopAll(ServerRequest request, Map<String, JsonNode> started) throws ServerProviderException {
    List<String> problems = new ArrayList<>();
    for (ServerRequest.Wanted wanted : request.servers()) {
      JsonNode server = started.get(wanted.name());
      if (server == null) continue;
      Map<String, String> env = env(request, wanted);
      env.put("TRAFFICLIGHT_SERVER_JSON", server.toString());
      try {
        Processes.Result result = run(stop, env, "stop");
        if (result.exit() != 0) {
          problems.add("stop script for '" + wanted.name() + "' exited with " + result.exit() + ": " + Processes.tail(result.err()));
        }
      } catch (ServerProviderException e) {
        problems.add(e.getMessage());
      }
    }
    if (!problems.isEmpty()) throw new ServerProviderException(String.join("; ", problems));
  }

  private Processes.Result run(List<String> command, Map<String, String> env, String what) throws ServerProviderException {
    try {
      return Processes.run(command, env, limit);
    } catch (IOException e) {
      throw new ServerProviderException(what + " script failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ServerProviderException(what + " script was stopped: the coordinator is shutting down", e);
    }
  }

  private static Map<String, String> env(ServerRequest request, ServerRequest.Wanted wanted) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("TRAFFICLIGHT_CASE_ID", request.caseId());
    env.put("TRAFFICLIGHT_CASE_TOKEN", request.token());
    env.put("TRAFFICLIGHT_SERVER", wanted.name());
    env.put("TRAFFICLIGHT_SERVER_TYPE", wanted.type() == null ? "" : wanted.type());
    return env;
  }

  @Override
  public String describe() {
    return "command " + String.join(" ", start);
  }
}
