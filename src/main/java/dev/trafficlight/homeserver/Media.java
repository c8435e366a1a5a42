package dev.trafficlight.homeserver;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** The media repository: uploaded files in memory, each named by an {@code mxc://} URI. */
final class Media {
  /** A stored file. */
  record File(byte[] bytes, String contentType) {}

  private final String serverName;
  private final Map<String, File> files = new HashMap<>();
  private long totalBytes;

  Media(String serverName) {
    this.serverName = serverName;
  }

  /** Keeps a file; answers its {@code mxc://} URI. */
  synchronized String upload(byte[] bytes, String contentType) {
    if (bytes.length > Limits.MEDIA_FILE_BYTES) throw MatrixError.tooLarge("files are at most " + Limits.MEDIA_FILE_BYTES + " bytes here");
    if (totalBytes + bytes.length > Limits.MEDIA_TOTAL_BYTES) {
      throw new MatrixError(403, "M_RESOURCE_LIMIT_EXCEEDED", "this demo homeserver keeps at most " + Limits.MEDIA_TOTAL_BYTES + " bytes of media");
    }
    String mediaId = UUID.randomUUID().toString().replace("-", "");
    files.put(mediaId, new File(bytes, contentType == null ? "application/octet-stream" : contentType));
    totalBytes += bytes.length;
    return "mxc://" + serverName + "/" + mediaId;
  }

  /** A file of this server; {@code M_NOT_FOUND} for anything else, as a real server answers a bad id. */
  synchronized File download(String server, String mediaId) {
    File file = server.equals(serverName) ? files.get(mediaId) : null;
    if (file == null) throw MatrixError.notFound("no media mxc://" + server + "/" + mediaId);
    return file;
  }
}
