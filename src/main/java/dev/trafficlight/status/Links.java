package dev.trafficlight.status;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** The paths the status page and its API answer on, and links to them. */
final class Links {
  static final String ROOT = "/";
  static final String STATUS = "/status";
  static final String CASE = "/status/case/{id}";
  static final String CASE_FILE = "/status/case/{id}/files/{n}";
  static final String JUNIT = "/status/junit.xml";
  static final String ACTIONS = "/status/actions";
  static final String EVENTS = "/status/events";
  static final String ASSETS = "/status/assets/{name}";
  static final String API_SCENARIOS = "/api/scenarios";
  static final String API_CASES = "/api/cases";
  static final String API_CASE = "/api/cases/{id}";
  static final String API_CLIENTS = "/api/clients";
  static final String API_CLIENT = "/api/clients/{uuid}";

  private Links() {}

  static String caseLink(String caseId) {
    return "/status/case/" + segment(caseId);
  }

  static String fileLink(String caseId, int index) {
    return caseLink(caseId) + "/files/" + index;
  }

  static String apiCase(String caseId) {
    return "/api/cases/" + segment(caseId);
  }

  static String asset(String name) {
    return "/status/assets/" + name;
  }

  /** One path segment: percent-encoded, with spaces as %20 (a '+' in a path is a plus). */
  static String segment(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
