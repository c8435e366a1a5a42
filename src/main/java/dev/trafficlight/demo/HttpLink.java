package dev.trafficlight.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.UUID;

/** A simulated client's way to the coordinator over the HTTP wire: a fresh client UUID for each case, as adapters do. */
final class HttpLink implements CoordinatorLink {
  private static final long HOLD_MILLIS = 20_000;

  private final String coordinatorUrl;
  private WireClient wire;

  HttpLink(String coordinatorUrl) {
    this.coordinatorUrl = coordinatorUrl;
  }

  @Override
  public String transport() {
    return "http";
  }

  @Override
  public String register(ObjectNode registration) throws IOException, InterruptedException {
    String uuid = UUID.randomUUID().toString();
    wire = new WireClient(coordinatorUrl, uuid);
    wire.register(registration);
    return uuid;
  }

  @Override
  public Instruction next() throws IOException, InterruptedException {
    JsonNode reply = wire.poll(HOLD_MILLIS);
    return new Instruction(reply.path("action").asText(), reply.path("data"), reply.hasNonNull("id") ? reply.get("id").asText() : null);
  }

  @Override
  public void respond(Instruction action, ObjectNode answer) throws IOException, InterruptedException {
    if (action.id() != null) answer.put("id", action.id());
    wire.respond(answer);
  }

  @Override
  public void error(Instruction action, ObjectNode error) throws IOException, InterruptedException {
    wire.error(error);
  }

  @Override
  public void upload(String fileName, String text) throws IOException, InterruptedException {
    wire.upload(fileName, text);
  }
}
