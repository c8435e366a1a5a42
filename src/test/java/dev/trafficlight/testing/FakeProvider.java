package dev.trafficlight.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trafficlight.core.Json;
import dev.trafficlight.core.servers.ProvidedServers;
import dev.trafficlight.core.servers.ServerProvider;
import dev.trafficlight.core.servers.ServerProviderException;
import dev.trafficlight.core.servers.ServerRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** A provider that makes pretend servers and writes down every call; it can be told to fail. */
public final class FakeProvider implements ServerProvider {
  /** "provide CASE", "release CASE" or "release CASE (nothing)", in order. */
  public final List<String> calls = new CopyOnWriteArrayList<>();
  public final List<ServerRequest> requests = new CopyOnWriteArrayList<>();
  public volatile String failWith;
  public volatile String refuse;

  @Override
  public ProvidedServers provide(ServerRequest request) throws ServerProviderException {
    calls.add("provide " + request.caseId());
    requests.add(request);
    if (failWith != null) throw new ServerProviderException(failWith);
    Map<String, JsonNode> servers = new LinkedHashMap<>();
    int port = 9000;
    for (ServerRequest.Wanted w : request.servers()) {
      servers.put(w.name(), Json.object().put("server_name", w.name() + "." + request.token())
          .put("cs_api", "http://made:" + port++).put("type", w.type()));
    }
    return new ProvidedServers(servers, Json.object().put("made_for", request.caseId()));
  }

  @Override
  public void release(ServerRequest request, ProvidedServers servers) {
    calls.add("release " + request.caseId() + (servers == null ? " (nothing)" : ""));
  }

  @Override
  public Optional<String> refuses(String type) {
    return type != null && type.equals(refuse) ? Optional.of("the fake makes no " + type) : Optional.empty();
  }

  @Override
  public String describe() {
    return "fake provider";
  }
}
