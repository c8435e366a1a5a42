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

  /** Over the limit, or over the upload limit when {@code limit} is negative (Jetty does not say which). */
  static ApiError tooLarge(long limit) {
    return new ApiError(413, "too_large", limit < 0 ? "the request is larger than the upload limit"
        : "the request is larger than the limit of " + limit + " bytes");
  }

  static ApiError badRequest(String code, String message) {
    return new ApiError(400, code, message);
  }
}
