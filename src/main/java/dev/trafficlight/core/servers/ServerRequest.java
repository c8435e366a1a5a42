package dev.trafficlight.core.servers;

import java.util.List;

/**
 * What one case needs: its servers, each by the scenario's name and the type it was cast as.
 *
 * @param caseId the case, for names and messages
 * @param token unique to this case (its {@code ${case.token}}): safe in container and user names
 */
public record ServerRequest(String caseId, String token, List<Wanted> servers) {
  public ServerRequest {
    servers = List.copyOf(servers);
  }

  /** One server a case needs: {@code hs}, of type {@code synapse} (null when the scenario named no type). */
  public record Wanted(String name, String type) {}

  /** The same case asking for only some of its servers. */
  public ServerRequest only(List<Wanted> some) {
    return new ServerRequest(caseId, token, some);
  }
}
