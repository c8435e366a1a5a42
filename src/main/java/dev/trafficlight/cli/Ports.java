package dev.trafficlight.cli;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Says in one line that a port is taken, before the web server would say it in forty. */
final class Ports {
  static final String IN_USE = "the port is already in use: stop what uses it, or choose another with --port (0 picks a free one)";

  private Ports() {}

  /** Throws {@link IllegalArgumentException} naming the address when something already listens there. */
  static void checkFree(String host, int port) {
    if (port == 0) return;
    try (ServerSocket probe = new ServerSocket()) {
      probe.setReuseAddress(true); // as the web server binds, so a port in TIME_WAIT still counts as free
      probe.bind(new InetSocketAddress(host, port));
    } catch (IOException e) {
      throw new IllegalArgumentException(host + ":" + port + ": " + IN_USE);
    }
  }
}
