package dev.trafficlight.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trafficlight.artifacts.ArtifactStore;
import dev.trafficlight.core.LogText;
import dev.trafficlight.wire.AnswerJson;
import dev.trafficlight.core.port.Artifact;
import dev.trafficlight.core.port.ClientChannel;
import dev.trafficlight.core.store.KeptToken;
import dev.trafficlight.core.store.TokenLedger;
import dev.trafficlight.core.port.ClientPort;
import dev.trafficlight.core.port.Receipt;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The adapters' HTTP wire, {@code /client/<uuid>/...}, as the original trafficlight server spoke
 * it (see transports/http.md). Translates requests to {@link ClientPort} calls and nothing else.
 */
public final class HttpTransport {
  /** The name this transport gives its clients. */
  public static final String NAME = "http";
  /** Today's paths; the same routes are served under {@code /v1/client}, where a v2 would sit beside. */
  static final List<String> PREFIXES = List.of("/client", "/v1/client");
  private static final Logger LOG = LoggerFactory.getLogger(HttpTransport.class);

  private final ClientPort port;
  private final HttpSettings settings;
  private final ArtifactStore store;
  private final HeldPolls polls;
  private final ClientTokens tokens;
  /** Every so many registrations, the tokens of forgotten clients are dropped: their number follows the registry's. */
  private static final int TOKEN_SWEEP_EVERY = 1024;
  /** The largest registration kept: a client that registers again and again must not grow the journal by megabytes. */
  static final int MAX_REGISTRATION_CHARS = 64 * 1024;
  private final java.util.concurrent.atomic.AtomicLong registrations = new java.util.concurrent.atomic.AtomicLong();
  private final UploadQuota quota;

  private HttpTransport(ClientPort port, HttpSettings settings, ArtifactStore store, ClientTokens tokens) {
    this.port = port;
    this.tokens = tokens;
    this.settings = settings;
    this.store = store;
    this.polls = new HeldPolls(port);
    this.quota = new UploadQuota(settings.quotas());
  }

  /** Adds the client routes and JSON error handling to an app; held polls are answered when it stops. */
  public static void install(Javalin app, ClientPort port, HttpSettings settings, ArtifactStore store) {
    install(app, port, settings, store, null);
  }

  /**
   * As {@link #install(Javalin, ClientPort, HttpSettings, ArtifactStore)}, with the client routes
   * only under {@code /<secretPath>/client/...} when a secret path is given: adapters that know
   * the lab's secret reach the coordinator, anyone else finds nothing.
   */
  public static void install(Javalin app, ClientPort port, HttpSettings settings, ArtifactStore store, String secretPath) {
    install(app, port, settings, store, secretPath, TokenLedger.NONE, Map.of());
  }

  /**
   * As {@link #install(Javalin, ClientPort, HttpSettings, ArtifactStore, String)}, with clients'
   * tokens kept in a ledger and those {@code kept} before a restart honoured again: a client that
   * proved itself with its token goes on doing so. Returns the transport, whose {@link #channel}
   * reaches a client that the coordinator took back from its store.
   */
  public static HttpTransport install(Javalin app, ClientPort port, HttpSettings settings, ArtifactStore store,
      String secretPath, TokenLedger ledger, Map<String, KeptToken> kept) {
    HttpTransport transport = new HttpTransport(port, settings, store, new ClientTokens(ledger, kept));
    app.events(events -> events.serverStopping(transport.polls::close));
    String root = secretPath == null || secretPath.isBlank() ? "" : "/" + secretPath;
    PollEndpoint poll = new PollEndpoint(root, transport, transport.polls);
    app.events(events -> events.serverStarting(() -> app.jettyServer().server().insertHandler(poll)));
    for (String prefix : PREFIXES) {
      String base = root + prefix + "/{uuid}/";
      app.post(base + "register", transport::register);
      app.post(base + "respond", transport::respond);
      app.post(base + "report", transport::respond);
      app.post(base + "error", transport::error);
      app.post(base + "upload", transport::upload);
    }
    JsonErrors.install(app, settings);
    return transport;
  }

  /** How the coordinator reaches a client of this transport: by waking the polls it holds. */
  public ClientChannel channel(String uuid) {
    return polls.channel(uuid);
  }

  private void register(Context ctx) {
    String uuid = uuid(ctx);
    ObjectNode registration = RequestBodies.jsonObject(ctx, false);
    if (registration.toString().length() > MAX_REGISTRATION_CHARS) {
      // kept with the client, shown on the status page and written to the journal each time it changes
      throw new ApiError(413, "too_large", "a registration is at most " + MAX_REGISTRATION_CHARS / 1024
          + " KB of JSON; send what describes the client, not its data");
    }
    Receipt receipt = port.register(uuid, registration, NAME, polls.channel(uuid));
    if (!receipt.isOk()) throw Wire.refusal(receipt);
    if (registrations.incrementAndGet() % TOKEN_SWEEP_EVERY == 0) tokens.forgetUnless(port::knows);
    ctx.json(Wire.registered(tokens.issue(uuid)));
  }

  /** How long a poll is held when there is nothing to say: {@code ?timeout=MS}, within the settings. */
  Duration hold(String timeout) {
    if (timeout == null) return settings.defaultHold();
    try {
      long ms = Long.parseLong(timeout.trim());
      if (ms < 0) throw new NumberFormatException();
      Duration asked = Duration.ofMillis(ms);
      return asked.compareTo(settings.maxHold()) > 0 ? settings.maxHold() : asked;
    } catch (NumberFormatException e) {
      throw ApiError.badRequest("bad_timeout", "timeout must be a whole number of milliseconds, not '" + timeout + "'");
    }
  }

  private void respond(Context ctx) {
    refuseFilesFromStrangers(ctx);
    ObjectNode answer = RequestBodies.answer(ctx);
    String actionId = ctx.queryParam(Wire.ID);
    JsonNode idField = answer.remove(Wire.ID);
    if (actionId == null && idField != null && (idField.isTextual() || idField.isNumber())) actionId = idField.asText();
    if (actionId != null && actionId.isBlank()) actionId = null;
    String uuid = uuid(ctx);
    Receipt receipt = port.answer(uuid, actionId, AnswerJson.answer(answer));
    if (receipt.isOk() && ctx.isMultipartFormData()) {
      storeFiles(ctx, uuid);
    }
    succeed(ctx, receipt);
  }

  private void error(Context ctx) {
    succeed(ctx, port.fail(uuid(ctx), null, AnswerJson.failure(RequestBodies.jsonObject(ctx, true))));
  }

  private void upload(Context ctx) {
    if (!ctx.isMultipartFormData()) {
      throw ApiError.badRequest("not_multipart", "upload takes multipart/form-data with one or more files");
    }
    refuseFilesFromStrangers(ctx);
    int stored = storeFiles(ctx, uuid(ctx));
    if (stored == 0) {
      throw ApiError.badRequest("no_files", "the upload carried no files");
    }
    ctx.json(Wire.ok());
  }

  /**
   * Files are refused before a byte of them is read, not after they are spooled, when they come
   * from a UUID nobody registered, from a client that was never in a case (files belong to a
   * case), or would pass a quota.
   */
  private void refuseFilesFromStrangers(Context ctx) {
    if (!ctx.isMultipartFormData()) return;
    String uuid = uuid(ctx);
    if (!port.knows(uuid)) {
      throw Wire.refusal(new Receipt(Receipt.Status.UNKNOWN_CLIENT, "no record of this UUID: " + uuid
          + "; register before sending files"));
    }
    String caseId = port.caseOf(uuid).orElse(null);
    if (caseId == null) {
      throw new ApiError(409, "no_case", "client " + uuid + " has not been in a case yet; files belong to a case");
    }
    quota.check(uuid, caseId, declaredLength(ctx));
  }

  private static long declaredLength(Context ctx) {
    try {
      String header = ctx.header("Content-Length");
      return header == null ? 0 : Long.parseLong(header.trim());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** Stores every file of a multipart request and attaches it to the client's case. */
  private int storeFiles(Context ctx, String uuid) {
    List<UploadedFile> files = RequestBodies.files(ctx);
    if (files.isEmpty()) return 0;
    if (!port.knows(uuid)) {
      throw Wire.refusal(new Receipt(Receipt.Status.UNKNOWN_CLIENT, "no record of this UUID: " + uuid));
    }
    String caseId = port.caseOf(uuid).orElse(null);
    // every file lands or none does: a failure part-way removes what this request wrote
    List<Artifact> stored = new java.util.ArrayList<>();
    for (UploadedFile file : files) {
      try (InputStream content = file.content()) {
        Path path = store.store(caseId, uuid, file.filename(), content);
        String type = file.contentType() == null ? "application/octet-stream" : file.contentType();
        stored.add(new Artifact(path.getFileName().toString(), path.toString(), file.size(), type));
      } catch (IOException e) {
        stored.forEach(a -> deleteQuietly(Path.of(a.location())));
        throw StorageError.of(e);
      }
    }
    for (Artifact artifact : stored) {
      quota.add(uuid, caseId, artifact.size());
      Receipt receipt = port.attach(uuid, caseId, artifact);
      if (!receipt.isOk()) throw Wire.refusal(receipt);
      LOG.info("stored {} ({} bytes) from {} in {}", LogText.clean(artifact.name()), artifact.size(),
          LogText.clean(uuid), LogText.clean(caseId));
    }
    return files.size();
  }

  private static void deleteQuietly(Path file) {
    try {
      java.nio.file.Files.deleteIfExists(file);
    } catch (IOException e) {
      LOG.warn("could not remove {} after a failed upload: {}", file, e.getMessage());
    }
  }

  /** The client the request is for, once its token (if it uses one) says the request is really from it. */
  private String uuid(Context ctx) {
    return authorised(ctx.pathParam("uuid"), ctx.header(ClientTokens.HEADER), ctx.queryParam(ClientTokens.QUERY));
  }

  /** The client's UUID when the token presented in the header or else the query is its own, or it uses none. */
  String authorised(String uuid, String header, String query) {
    String presented = header != null ? header : query;
    switch (tokens.check(uuid, presented)) {
      case MISSING -> throw new ApiError(401, "token_required", "client " + uuid + " proves itself with the token"
          + " its registration returned; send it in the " + ClientTokens.HEADER + " header");
      case WRONG -> throw new ApiError(403, "wrong_token", "that is not client " + uuid + "'s token");
      case ACCEPTED -> { }
    }
    return uuid;
  }

  private static void succeed(Context ctx, Receipt receipt) {
    if (!receipt.isOk()) throw Wire.refusal(receipt);
    ctx.json(Wire.ok());
  }
}
