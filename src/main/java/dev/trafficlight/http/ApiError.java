package dev.trafficlight.http;

/** A client's mistake: the HTTP status and the JSON body {@code {"error": message, "code": code}}. */
final class ApiError extends RuntimeException {
  final int status;
  final String code;

  ApiError(int status, String code, String message) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
  }

  static ApiError badRequest(String code, String message) {
    return new ApiError(400, code, message);
  }
}
