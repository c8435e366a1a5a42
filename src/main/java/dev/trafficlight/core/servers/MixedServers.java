package dev.trafficlight.core.servers;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A provider that makes servers, with the configuration's fixed homeservers standing in for the
 * types they are listed with: a server of such a type takes a fixed one, every other server is
 * made. A server the scenario gave no type is made as {@code defaultType}.
 */
public final class MixedServers implements ServerProvider {
  private final FixedServers fixed;
  private final ServerProvider maker;
  private final String defaultType;

  public MixedServers(FixedServers fixed, ServerProvider maker, String defaultType) {
    this.fixed = fixed;
    this.maker = maker;
    this.defaultType = defaultType;
  }

  private record Split(ServerRequest fixed, ServerRequest made) {}

  private Split split(ServerRequest request) {
    List<ServerRequest.Wanted> fromList = new ArrayList<>();
    List<ServerRequest.Wanted> made = new ArrayList<>();
    for (ServerRequest.Wanted wanted : request.servers()) {
      String type = wanted.type() == null ? defaultType : wanted.type();
      if (fixed.has(type)) {
        fromList.add(new ServerRequest.Wanted(wanted.name(), type));
      } else {
        made.add(new ServerRequest.Wanted(wanted.name(), type));
      }
    }
    return new Split(request.only(fromList), request.only(made));
  }

  @Override
  public ProvidedServers provide(ServerRequest request) throws ServerProviderException {
    Split split = split(request);
    Map<String, JsonNode> all = new LinkedHashMap<>(fixed.provide(split.fixed()).servers());
    if (split.made().servers().isEmpty()) return new ProvidedServers(all, null);
    ProvidedServers made = maker.provide(split.made());
    all.putAll(made.servers());
    return new ProvidedServers(all, made.handle());
  }

  @Override
  public void release(ServerRequest request, ProvidedServers servers) throws ServerProviderException {
    Split split = split(request);
    if (split.made().servers().isEmpty()) return;
    ProvidedServers made = null;
    if (servers != null) {
      Map<String, JsonNode> own = new LinkedHashMap<>();
      split.made().servers().forEach(w -> own.put(w.name(), servers.servers().get(w.name())));
      made = new ProvidedServers(own, servers.handle());
    }
    maker.release(split.made(), made);
  }

  @Override
  public boolean immediate(ServerRequest request) {
    return split(request).made().servers().isEmpty();
  }

  @Override
  public Optional<String> refuses(String type) {
    String actual = type == null ? defaultType : type;
    return fixed.has(actual) ? Optional.empty() : maker.refuses(actual);
  }

  @Override
  public void cancelAll() {
    maker.cancelAll();
  }

  @Override
  public String describe() {
    return maker.describe();
  }
}
