package dev.trafficlight.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trafficlight.core.scenario.Scenario;
import dev.trafficlight.testing.RunningServer;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A body that trickles in cannot hold a thread; the idle limit applies only while a body is read. */
class SlowBodyTest {
  private final RunningServer server = new RunningServer(
      Scenario.builder("s").role("alice", "element-web").step("s", "alice", "reload", null).build());

  @AfterEach
  void stop() {
    server.close();
  }

  private Socket connect() throws Exception {
    Socket socket = new Socket("127.0.0.1", server.server.port());
    socket.setSoTimeout(20_000);
    return socket;
  }

  /** One HTTP response: the status line, headers and a Content-Length body. */
  private static String response(InputStream in) throws Exception {
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int c = in.read();
      if (c < 0) break;
      head.append((char) c);
    }
    int length = 0;
    for (String line : head.toString().split("\r\n")) {
      if (line.toLowerCase().startsWith("content-length:")) length = Integer.parseInt(line.substring(15).trim());
    }
    return head + new String(in.readNBytes(length), StandardCharsets.UTF_8);
  }

  @Test
  void a_body_that_stops_arriving_is_cut_off_with_a_408_while_others_are_served() throws Exception {
    try (Socket slow = connect()) {
      OutputStream out = slow.getOutputStream();
      out.write(("POST /client/slow/register HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
          + "Content-Length: 100\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      long start = System.nanoTime();
      assertEquals(200, server.adapter("quick").register("element-web", "1").status(), "others are served meanwhile");
      String reply = response(slow.getInputStream());
      long seconds = (System.nanoTime() - start) / 1_000_000_000L;
      assertTrue(reply.startsWith("HTTP/1.1 408"), reply);
      assertTrue(reply.contains("\"code\":\"body_stalled\""), reply);
      assertTrue(seconds >= 3 && seconds < 15, seconds + " s");
    }
  }

  @Test
  void a_poll_held_after_a_post_on_the_same_connection_keeps_the_usual_timeout() throws Exception {
    try (Socket socket = connect()) {
      OutputStream out = socket.getOutputStream();
      String body = "{\"type\": \"hydrogen\"}";
      out.write(("POST /client/h/register HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: "
          + body.length() + "\r\n\r\n" + body).getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      assertTrue(response(in).startsWith("HTTP/1.1 200"));
      out.write("GET /client/h/poll?timeout=6000 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      long start = System.nanoTime();
      String poll = response(in);
      long seconds = (System.nanoTime() - start) / 1_000_000_000L;
      assertTrue(poll.contains("\"action\":\"idle\""), poll);
      assertTrue(seconds >= 5, "held for its timeout, not cut at the body limit: " + seconds + " s");
    }
  }
}
