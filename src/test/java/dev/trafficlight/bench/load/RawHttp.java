package dev.trafficlight.bench.load;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * One keep-alive HTTP/1.1 connection spoken byte by byte: the cheapest client there is, so the
 * load generator measures the server and not itself.
 */
final class RawHttp implements AutoCloseable {
  /** A reply: status and body. */
  record Reply(int status, String body) {}

  private final String host;
  private final Socket socket;
  private final OutputStream out;
  private final InputStream in;

  RawHttp(String host, int port) throws IOException {
    this.host = host + ":" + port;
    socket = new Socket();
    socket.setTcpNoDelay(true);
    socket.connect(new InetSocketAddress(host, port), 5000);
    socket.setSoTimeout(180_000);
    out = socket.getOutputStream();
    in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
  }

  Reply get(String path) throws IOException {
    send("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\n\r\n");
    return read();
  }

  Reply post(String path, String json) throws IOException {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    send("POST " + path + " HTTP/1.1\r\nHost: " + host + "\r\nContent-Type: application/json\r\nContent-Length: "
        + body.length + "\r\n\r\n" + json);
    return read();
  }

  /** Sends a GET and leaves its reply unread: a poll held open for as long as the server likes. */
  void sendGet(String path) throws IOException {
    send("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\n\r\n");
  }

  private void send(String request) throws IOException {
    out.write(request.getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  Reply read() throws IOException {
    String status = line();
    int code = Integer.parseInt(status.split(" ")[1]);
    int length = -1;
    boolean chunked = false;
    for (String header; !(header = line()).isEmpty(); ) {
      String lower = header.toLowerCase();
      if (lower.startsWith("content-length:")) length = Integer.parseInt(header.substring(15).trim());
      if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) chunked = true;
    }
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    if (chunked) {
      for (int size; (size = Integer.parseInt(line().trim(), 16)) > 0; line()) {
        body.write(in.readNBytes(size));
      }
      line();
    } else if (length > 0) {
      body.write(in.readNBytes(length));
    }
    return new Reply(code, body.toString(StandardCharsets.UTF_8));
  }

  private String line() throws IOException {
    StringBuilder s = new StringBuilder();
    for (int c; (c = in.read()) != '\n'; ) {
      if (c < 0) throw new IOException("connection closed");
      if (c != '\r') s.append((char) c);
    }
    return s.toString();
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
