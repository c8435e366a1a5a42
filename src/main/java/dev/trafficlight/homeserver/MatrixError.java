package dev.trafficlight.homeserver;

/** An error reply of the client-server API: HTTP status, {@code errcode} and words, as a real server sends them. */
final class MatrixError extends RuntimeException {
  final int status;
  final String errcode;

  MatrixError(int status, String errcode, String message) {
    super(message);
    this.status = status;
    this.errcode = errcode;
  }

  static MatrixError forbidden(String message) {
    return new MatrixError(403, "M_FORBIDDEN", message);
  }

  static MatrixError notFound(String message) {
    return new MatrixError(404, "M_NOT_FOUND", message);
  }

  static MatrixError badRequest(String errcode, String message) {
    return new MatrixError(400, errcode, message);
  }

  /** A cap of this small server was reached (a real server says so for its own quotas the same way). */
  static MatrixError full(String what, int cap) {
    return new MatrixError(403, "M_RESOURCE_LIMIT_EXCEEDED", "this demo homeserver holds at most " + cap + " " + what);
  }

  static MatrixError tooLarge(String message) {
    return new MatrixError(413, "M_TOO_LARGE", message);
  }
}
