package dev.trafficlight.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trafficlight.core.Json;
import java.io.IOException;

/**
 * How a simulated client reaches the coordinator: over the HTTP wire ({@link HttpLink}) or
 * through a Matrix control room ({@link MatrixLink}). Either way the client plays the same.
 */
interface CoordinatorLink {
  /** What the coordinator asks: an action with its data and id, {@code idle} (nothing yet) or {@code exit}. */
  record Instruction(String action, JsonNode data, String id) {
    static final String IDLE = "idle";
    static final String EXIT = "exit";

    static Instruction idle() {
      return new Instruction(IDLE, Json.object(), null);
    }
  }

  /** The transport's name, as the status page shows it. */
  String transport();

  /** Registers for the next case; answers the client id the coordinator knows this client by. */
  String register(ObjectNode registration) throws IOException, InterruptedException;

  /** The next instruction, waiting a while for one; {@code idle} when none came. */
  Instruction next() throws IOException, InterruptedException;

  /** Answers an action. */
  void respond(Instruction action, ObjectNode answer) throws IOException, InterruptedException;

  /** Reports that an action failed ({@code error.type} {@code action}) or could not be done at all. */
  void error(Instruction action, ObjectNode error) throws IOException, InterruptedException;

  /** Hands the coordinator a text file, such as the client's log after its exit. */
  void upload(String fileName, String text) throws IOException, InterruptedException;
}
