package dev.trafficlight.core.servers;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The configuration's fixed homeservers, shared by every case: a case's servers take them in
 * order, a typed server the next one of its {@code type}. When no homeserver in the list says its
 * type, the list serves every type, and a scenario's server types are only labels. Nothing to
 * make, nothing to remove.
 */
public final class FixedServers implements ServerProvider {
  /** The field of a fixed homeserver that says its type. */
  public static final String TYPE = "type";
  private final List<JsonNode> homeservers;
  private final boolean typed;

  public FixedServers(List<JsonNode> homeservers) {
    this.homeservers = List.copyOf(homeservers);
    this.typed = homeservers.stream().anyMatch(s -> s.hasNonNull(TYPE));
  }

  @Override
  public ProvidedServers provide(ServerRequest request) throws ServerProviderException {
    Set<Integer> taken = new HashSet<>();
    Map<String, JsonNode> chosen = new LinkedHashMap<>();
    for (ServerRequest.Wanted wanted : request.servers()) {
      int index = next(wanted.type(), taken);
      if (index < 0) {
        throw new ServerProviderException("case needs " + request.servers().size() + " homeservers "
            + request.servers().stream().map(w -> w.type() == null ? w.name() : w.name() + ": " + w.type()).toList()
            + " but the configuration lists " + count(wanted.type()) + (wanted.type() == null ? "" : " of type " + wanted.type()));
      }
      taken.add(index);
      chosen.put(wanted.name(), homeservers.get(index).deepCopy());
    }
    return new ProvidedServers(chosen, null);
  }

  private int next(String type, Set<Integer> taken) {
    for (int i = 0; i < homeservers.size(); i++) {
      if (!taken.contains(i) && fits(homeservers.get(i), type)) return i;
    }
    return -1;
  }

  private boolean fits(JsonNode server, String type) {
    return type == null || !typed || type.equals(server.path(TYPE).asText(null));
  }

  private long count(String type) {
    return homeservers.stream().filter(s -> fits(s, type)).count();
  }

  /** True when some fixed homeserver says it has this type. */
  public boolean has(String type) {
    return type != null && typed && count(type) > 0;
  }

  @Override
  public void release(ServerRequest request, ProvidedServers servers) {
    // Shared by every case, so nothing to remove.
  }

  @Override
  public boolean immediate(ServerRequest request) {
    return true;
  }

  @Override
  public Optional<String> refuses(String type) {
    if (type == null || !typed || has(type)) return Optional.empty();
    return Optional.of("no homeserver in the configuration has type '" + type + "'");
  }

  @Override
  public String describe() {
    return "fixed homeservers (" + homeservers.size() + ")";
  }
}
