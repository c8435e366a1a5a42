package dev.trafficlight.http;

import java.time.Duration;

/**
 * How the HTTP transport behaves.
 *
 * @param defaultHold how long a plain {@code poll} (no {@code timeout}) is held open waiting for an
 *     action: below every known adapter's HTTP timeout (30 s), so old adapters get actions at once
 * @param maxHold the longest {@code poll?timeout=} honoured
 * @param maxUploadBytes the largest upload (or any request body) accepted
 * @param quotas how many bytes of files a client, a case and the coordinator may keep
 */
public record HttpSettings(Duration defaultHold, Duration maxHold, long maxUploadBytes, UploadLimits quotas) {

  public static HttpSettings defaults() {
    return new HttpSettings(Duration.ofSeconds(20), Duration.ofMinutes(2), 512L * 1024 * 1024, UploadLimits.defaults());
  }

  public HttpSettings withDefaultHold(Duration hold) {
    return new HttpSettings(hold, maxHold, maxUploadBytes, quotas);
  }

  public HttpSettings withMaxUploadBytes(long bytes) {
    return new HttpSettings(defaultHold, maxHold, bytes, quotas);
  }

  public HttpSettings withQuotas(UploadLimits limits) {
    return new HttpSettings(defaultHold, maxHold, maxUploadBytes, limits);
  }
}
