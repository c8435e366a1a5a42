package dev.trafficlight.http;

/**
 * How many bytes of files may be kept, in all: per client, per case, and by the whole
 * coordinator since it started.
 */
public record UploadLimits(long perClient, long perCase, long total) {
  private static final long MB = 1024L * 1024;

  public static UploadLimits defaults() {
    return new UploadLimits(2048 * MB, 4096 * MB, 50 * 1024 * MB);
  }
}
