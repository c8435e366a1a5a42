package dev.trafficlight.http;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How many bytes of files one client, one case and the whole coordinator may keep: checked
 * against a request's declared size before a byte of it is read, and counted as files land.
 */
final class UploadQuota {
  private final UploadLimits limits;
  private final Map<String, Long> byClient = new ConcurrentHashMap<>();
  private final Map<String, Long> byCase = new ConcurrentHashMap<>();
  private long total;

  UploadQuota(UploadLimits limits) {
    this.limits = limits;
  }

  /** Refuses, naming the quota, when {@code declared} more bytes would pass one. */
  synchronized void check(String uuid, String caseId, long declared) {
    long more = Math.max(0, declared);
    if (byClient.getOrDefault(uuid, 0L) + more > limits.perClient()) {
      throw refusal("client " + uuid, limits.perClient());
    }
    if (caseId != null && byCase.getOrDefault(caseId, 0L) + more > limits.perCase()) {
      throw refusal("case " + caseId, limits.perCase());
    }
    if (total + more > limits.total()) {
      throw refusal("the coordinator", limits.total());
    }
  }

  synchronized void add(String uuid, String caseId, long bytes) {
    byClient.merge(uuid, bytes, Long::sum);
    if (caseId != null) byCase.merge(caseId, bytes, Long::sum);
    total += bytes;
  }

  private static ApiError refusal(String whose, long limit) {
    return new ApiError(413, "quota_exceeded", "the files of " + whose + " would pass their quota of "
        + limit / (1024 * 1024) + " MB; nothing of this request was kept");
  }
}
