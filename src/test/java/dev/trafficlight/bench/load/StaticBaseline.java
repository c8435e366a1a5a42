package dev.trafficlight.bench.load;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.AbstractHandler;

/** A plain Jetty answering every request with the same small body: the ceiling for this stack and machine. */
final class StaticBaseline implements AutoCloseable {
  private static final byte[] BODY = "{\"action\":\"idle\",\"data\":{\"delay\":1000}}".getBytes(StandardCharsets.UTF_8);
  private final Server server = new Server();
  final int port;

  StaticBaseline() throws Exception {
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    server.setHandler(new AbstractHandler() {
      @Override
      public void handle(String target, Request base, HttpServletRequest request, HttpServletResponse response)
          throws IOException {
        base.setHandled(true);
        response.setContentType("application/json");
        response.setContentLength(BODY.length);
        response.getOutputStream().write(BODY);
      }
    });
    server.start();
    port = connector.getLocalPort();
  }

  @Override
  public void close() throws Exception {
    server.stop();
  }
}
