package dev.trafficlight.matrix;

import dev.trafficlight.matrix.api.MatrixApi;
import java.io.IOException;
import java.time.Clock;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The coordinator's login on the homeserver: the API with the current access token, and the
 * transport's health. A password login happens once; its token is kept in the data directory.
 */
final class Session {
  private static final Logger LOG = LoggerFactory.getLogger(Session.class);

  private final MatrixSettings settings;
  private final OkHttpClient http;
  private final TransportStore store;
  private final Clock clock;
  private volatile MatrixApi api;
  private volatile MatrixHealth health;

  private Session(MatrixSettings settings, OkHttpClient http, TransportStore store, Clock clock, String token) {
    this.settings = settings;
    this.http = http;
    this.store = store;
    this.clock = clock;
    this.api = new MatrixApi(http, settings.homeserver(), settings.userId(), token);
    this.health = new MatrixHealth(MatrixHealth.State.STARTING, "starting", clock.instant());
  }

  /** Uses the configured token, else the kept one, else logs in with the password. */
  static Session open(MatrixSettings settings, OkHttpClient http, TransportStore store, Clock clock) throws IOException {
    String token = settings.accessToken() != null ? settings.accessToken() : store.accessToken().orElse(null);
    Session session = new Session(settings, http, store, clock, token == null ? "" : token);
    if (token == null) {
      session.login();
    }
    return session;
  }

  MatrixApi api() {
    return api;
  }

  MatrixHealth health() {
    return health;
  }

  void health(MatrixHealth.State state, String detail) {
    if (health.state() != state) {
      LOG.info("matrix transport: {} ({})", state.word(), detail);
      health = new MatrixHealth(state, detail, clock.instant());
    }
  }

  /** After the server rejected the token: logs in again if a password is configured; true when that worked. */
  boolean renewToken() {
    if (settings.password() == null) {
      return false;
    }
    try {
      login();
      LOG.info("logged in to {} again as {}", settings.homeserver(), settings.userId());
      return true;
    } catch (IOException e) {
      LOG.error("logging in again as {} failed: {}", settings.userId(), e.getMessage());
      return false;
    }
  }

  private void login() throws IOException {
    String token = api.login(settings.localpart(), settings.password());
    store.saveAccessToken(token);
    api = new MatrixApi(http, settings.homeserver(), settings.userId(), token);
  }
}
