package dev.trafficlight.http;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;

/** The coordinator's disk, not the client, failed an upload: {@code 507} when full, {@code 503} otherwise. */
final class StorageError {
  private StorageError() {}

  static ApiError of(IOException e) {
    String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    if (reason.contains("No space left") || reason.contains("Disk quota exceeded")) {
      return new ApiError(507, "storage_full", "the coordinator's disk is full; no file of this request was kept");
    }
    String why = e instanceof AccessDeniedException || (e instanceof FileSystemException f && "Read-only file system".equals(f.getReason()))
        ? "its data folder cannot be written" : "it could not store the file";
    return new ApiError(503, "storage_unavailable", "the coordinator cannot keep files now: " + why
        + "; no file of this request was kept, try again later");
  }
}
