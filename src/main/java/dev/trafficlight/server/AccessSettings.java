package dev.trafficlight.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Who may reach the coordinator: the {@code access:} section of the config.
 *
 * @param secretPath adapters reach the client routes only under {@code /<secretPath>/client/...}
 *     (their {@code TRAFFICLIGHT_URL} ends in it); null for none
 * @param viewerPassword the status page, its JSON API and files ask for it (HTTP basic auth, any
 *     user name, or {@code Authorization: Bearer}); null for an open status page
 * @param allowedHosts {@code Host} names accepted besides the loopback ones, for a coordinator
 *     reached under a name; any host when the list is empty and it listens beyond loopback
 */
public record AccessSettings(String secretPath, String viewerPassword, List<String> allowedHosts) {

  public AccessSettings {
    allowedHosts = List.copyOf(allowedHosts);
    if (secretPath != null && !secretPath.matches("[A-Za-z0-9._~-]{8,128}")) {
      throw new IllegalArgumentException("access.secret_path must be 8 to 128 letters, digits or . _ ~ -, so that it"
          + " is hard to guess and needs no escaping in a URL");
    }
  }

  public static AccessSettings open() {
    return new AccessSettings(null, null, List.of());
  }

  static AccessSettings from(JsonNode section) {
    if (section == null || section.isMissingNode() || section.isNull()) return open();
    List<String> hosts = new ArrayList<>();
    section.path("allowed_hosts").forEach(h -> hosts.add(h.asText()));
    return new AccessSettings(text(section, "secret_path"), text(section, "viewer_password"), hosts);
  }

  private static String text(JsonNode section, String key) {
    JsonNode value = section.get(key);
    return value == null || value.isNull() || value.asText().isBlank() ? null : value.asText();
  }

  /** What a coordinator listening beyond loopback with these settings lets anyone do, or null when nothing alarming. */
  String exposure() {
    List<String> open = new ArrayList<>();
    if (secretPath == null) open.add("anyone who can reach this port can register clients and act for clients that use no token");
    if (viewerPassword == null) open.add("the status page, /api and uploaded files (client UUIDs, action data, test passwords) are readable by anyone");
    return open.isEmpty() ? null : String.join("; ", open);
  }
}
