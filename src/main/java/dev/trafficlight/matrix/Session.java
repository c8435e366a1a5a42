package dev.trafficlight.matrix;

import dev.trafficlight.matrix.api.MatrixApi;
import dev.trafficlight.matrix.api.MatrixApiException;
import java.io.IOException;
import java.time.Clock;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The coordinator's login on the homeserver: the API with the current access token, and the
 * transport's health. Opening does no I/O, so a homeserver that is down delays nothing else; a
 * password login happens when a token is first needed or rejected, once for all callers, and
 * its token is kept in the data directory.
 */
final class Session {
  private static final Logger LOG = LoggerFactory.getLogger(Session.class);

  private final MatrixSettings settings;
  private final OkHttpClient http;
  private final TransportStore store;
  private final Clock clock;
  private final Object renewal = new Object();
  private volatile MatrixApi api;
  private volatile MatrixHealth health;

  Session(MatrixSettings settings, OkHttpClient http, TransportStore store, Clock clock) {
    this.settings = settings;
    this.http = http;
    this.store = store;
    this.clock = clock;
    String token = settings.accessToken() != null ? settings.accessToken() : store.accessToken().orElse("");
    this.api = new MatrixApi(http, settings.homeserver(), settings.userId(), token);
    this.health = new MatrixHealth(MatrixHealth.State.STARTING, "starting", clock.instant());
  }

  MatrixApi api() {
    return api;
  }

  /** False until there is a token to try (none configured or kept, and no login yet). */
  boolean hasToken() {
    return !api.accessToken().isEmpty();
  }

  MatrixHealth health() {
    return health;
  }

  void health(MatrixHealth.State state, String detail) {
    MatrixHealth now = health;
    if (now.state() != state || !now.detail().equals(detail)) {
      if (now.state() != state) {
        LOG.info("matrix transport: {} ({})", state.word(), detail);
      }
      health = new MatrixHealth(state, detail, now.state() == state ? now.since() : clock.instant());
    }
  }

  /**
   * After the server rejected {@code rejected} (or there was no token): logs in again with the
   * password. Callers that find another already did so get its token without a second login.
   * True when there is a new token to try now.
   */
  boolean renew(MatrixApi rejected, String why) {
    synchronized (renewal) {
      if (api != rejected) {
        return true;
      }
      if (settings.password() == null) {
        if (health.state() != MatrixHealth.State.TOKEN_INVALID) {
          LOG.error("the homeserver rejected the coordinator's access token ({}); set a valid matrix.access_token"
              + " or matrix.password", why);
        }
        health(MatrixHealth.State.TOKEN_INVALID, "the homeserver rejected the access token: " + why);
        return false;
      }
      try {
        String token = api.login(settings.localpart(), settings.password());
        store.saveAccessToken(token);
        api = new MatrixApi(http, settings.homeserver(), settings.userId(), token);
        LOG.info("logged in to {} as {}", settings.homeserver(), settings.userId());
        return true;
      } catch (MatrixApiException e) {
        if (e.isTransient()) {
          health(MatrixHealth.State.RETRYING, "logging in: " + e.getMessage());
        } else {
          health(MatrixHealth.State.TOKEN_INVALID, "the homeserver refused the login: " + e.getMessage());
        }
        return false;
      } catch (IOException e) {
        health(MatrixHealth.State.RETRYING, "homeserver unreachable: " + e.getMessage());
        return false;
      }
    }
  }

  /** Interrupts a long-poll in flight. */
  void cancelSync() {
    api.cancelSync();
  }
}
