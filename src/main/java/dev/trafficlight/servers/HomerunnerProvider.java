package dev.trafficlight.servers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trafficlight.core.Json;
import dev.trafficlight.core.servers.ProvidedServers;
import dev.trafficlight.core.servers.ServerProvider;
import dev.trafficlight.core.servers.ServerProviderException;
import dev.trafficlight.core.servers.ServerRequest;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import okhttp3.Dispatcher;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Fresh homeservers for every case from Complement's homerunner: one blueprint per case, holding
 * all of the case's servers (so a pair federates), each from the image of its type; destroyed
 * by name when the case ends.
 */
public final class HomerunnerProvider implements ServerProvider {
  private static final MediaType JSON = MediaType.get("application/json");
  private static final int MAX_NAME = 40;
  private static final int MAX_ERROR_TEXT = 500;

  private final HttpUrl base;
  private final Map<String, String> images;
  private final OkHttpClient create;
  private final OkHttpClient destroy;

  /**
   * @param images server type → Docker image
   * @param createTimeout how long homerunner may take to start a blueprint's servers
   */
  public HomerunnerProvider(HttpUrl base, Map<String, String> images, Duration createTimeout, Duration destroyTimeout) {
    this.base = base;
    this.images = Map.copyOf(images);
    OkHttpClient shared = new OkHttpClient();
    // Its own dispatcher, so that cancelling creates at shutdown leaves destroys alone.
    this.create = shared.newBuilder().dispatcher(new Dispatcher()).callTimeout(createTimeout).readTimeout(createTimeout).build();
    this.destroy = shared.newBuilder().callTimeout(destroyTimeout).readTimeout(destroyTimeout).build();
  }

  /**
   * The blueprint's name: the case id cut to letters, digits and dashes (Docker names its
   * containers after it), and the case's token, so that no two cases share one.
   */
  static String blueprintName(ServerRequest request) {
    String readable = request.caseId().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
    if (readable.length() > MAX_NAME) readable = readable.substring(0, MAX_NAME).replaceAll("-$", "");
    return "trafficlight-" + readable + "-" + request.token();
  }

  /** Homerunner's name for the n-th server of a blueprint: also its Matrix server name, so a plain host name. */
  private static String hsName(int index) {
    return "hs" + (index + 1);
  }

  @Override
  public ProvidedServers provide(ServerRequest request) throws ServerProviderException {
    String name = blueprintName(request);
    ArrayNode homeservers = Json.MAPPER.createArrayNode();
    List<ServerRequest.Wanted> wanted = request.servers();
    for (int i = 0; i < wanted.size(); i++) {
      homeservers.addObject().put("Name", hsName(i)).put("BaseImageURI", image(wanted.get(i).type()))
          .<ObjectNode>set("Users", Json.MAPPER.createArrayNode()).set("Rooms", Json.MAPPER.createArrayNode());
    }
    ObjectNode body = Json.object().put("base_image_uri", image(wanted.get(0).type()));
    body.putObject("blueprint").put("Name", name).set("Homeservers", homeservers);
    JsonNode reply = post(create, "create", body);
    Map<String, JsonNode> servers = new LinkedHashMap<>();
    for (int i = 0; i < wanted.size(); i++) {
      JsonNode made = reply.path("homeservers").path(hsName(i));
      if (!made.path("BaseURL").isTextual()) {
        throw new ServerProviderException("homerunner's reply to /create has no BaseURL for " + hsName(i) + ": " + cut(reply.toString()));
      }
      ObjectNode server = Json.object().put(ProvidedServers.SERVER_NAME, hsName(i))
          .put(ProvidedServers.CS_API, made.path("BaseURL").asText()).put("type", wanted.get(i).type())
          .put("image", image(wanted.get(i).type()));
      if (made.hasNonNull("FedBaseURL")) server.put("fed_api", made.path("FedBaseURL").asText());
      if (made.hasNonNull("ContainerID")) server.put("container_id", made.path("ContainerID").asText());
      servers.put(wanted.get(i).name(), server);
    }
    return new ProvidedServers(servers, Json.object().put("blueprint_name", name));
  }

  /** Destroys the case's blueprint by name, which is known even when /create never answered. */
  @Override
  public void release(ServerRequest request, ProvidedServers servers) throws ServerProviderException {
    post(destroy, "destroy", Json.object().put("blueprint_name", blueprintName(request)));
  }

  private String image(String type) throws ServerProviderException {
    String image = type == null ? null : images.get(type);
    if (image == null) throw new ServerProviderException(refuses(type).orElse("no image for " + type));
    return image;
  }

  private JsonNode post(OkHttpClient client, String path, JsonNode body) throws ServerProviderException {
    HttpUrl url = base.newBuilder().addPathSegment(path).build();
    Request request = new Request.Builder().url(url).post(RequestBody.create(body.toString(), JSON)).build();
    try (Response response = client.newCall(request).execute()) {
      String text = response.body() == null ? "" : response.body().string();
      if (!response.isSuccessful()) {
        throw new ServerProviderException("homerunner at " + base + " answered " + response.code() + " to /" + path
            + (text.isBlank() ? "" : ": " + cut(text)));
      }
      try {
        return text.isBlank() ? Json.object() : Json.parse(text);
      } catch (IllegalArgumentException e) {
        throw new ServerProviderException("homerunner's reply to /" + path + " is not JSON: " + cut(text));
      }
    } catch (IOException e) {
      throw new ServerProviderException("cannot reach homerunner at " + base + " for /" + path + ": " + e, e);
    }
  }

  private static String cut(String text) {
    return text.length() <= MAX_ERROR_TEXT ? text : text.substring(0, MAX_ERROR_TEXT) + "…";
  }

  @Override
  public Optional<String> refuses(String type) {
    if (type == null) {
      return Optional.of("homerunner needs a server type to pick an image: name one in the scenario, or set servers.default_type");
    }
    if (!images.containsKey(type)) {
      return Optional.of("homerunner has no image for server type '" + type + "'; the configuration's "
          + "servers.homerunner.images lists " + images.keySet().stream().sorted().toList());
    }
    return Optional.empty();
  }

  /** Cancels creates in flight, at shutdown; destroys use their own client, so they still go out. */
  @Override
  public void cancelAll() {
    create.dispatcher().cancelAll();
  }

  @Override
  public String describe() {
    return "homerunner at " + base;
  }
}
