package dev.trafficlight.core.engine;

import dev.trafficlight.core.scenario.CaseDefinition;
import dev.trafficlight.core.servers.ServerProvider;
import java.util.Map;
import java.util.Optional;

/** Refuses, when a scenario is queued, a case whose server types the provider can never make. */
final class ServerTypes {
  private ServerTypes() {}

  static void check(CaseDefinition definition, ServerProvider provider) {
    for (Map.Entry<String, String> server : definition.serverTypes().entrySet()) {
      Optional<String> why = provider.refuses(server.getValue());
      if (why.isPresent()) {
        throw new IllegalArgumentException(definition.scenario().source() + ": case " + definition.id()
            + " needs server '" + server.getKey() + "'" + (server.getValue() == null ? "" : " of type " + server.getValue())
            + ", but " + why.get());
      }
    }
  }
}
