package dev.trafficlight.homeserver;

import io.javalin.Javalin;
import io.javalin.http.HandlerType;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * A small Matrix homeserver in this process, on loopback, for the demo: accounts, private rooms
 * with invitations, sends de-duplicated by transaction id, {@code /sync} long-polls, and media;
 * everything in memory and gone when it stops. It serves what the coordinator's Matrix transport
 * and a driver need, with a real server's habits (see {@link ClientServerApi}); {@link Limits}
 * bounds what it keeps. Not for anything but loopback: it has no federation, no encryption, no
 * rate limits and keeps no data. The transport's own tests use a fake in test code instead, whose
 * faults on demand (dropped responses, late confirmations, events delivered twice) cut into
 * exactly the steps this one keeps atomic.
 */
public final class DemoHomeserver implements AutoCloseable {
  private final String serverName;
  private final Accounts accounts;
  private final Rooms rooms;
  private final Javalin app;

  private DemoHomeserver(String serverName) {
    this.serverName = serverName;
    this.accounts = new Accounts(serverName);
    this.rooms = new Rooms(serverName);
    ClientServerApi api = new ClientServerApi(accounts, rooms, new Media(serverName));
    app = Javalin.create(config -> {
      config.showJavalinBanner = false;
      config.http.maxRequestSize = Limits.MEDIA_FILE_BYTES + 64 * 1024L;
      QueuedThreadPool threads = new QueuedThreadPool(Limits.THREADS, 2, 60_000);
      threads.setName("homeserver");
      config.jetty.threadPool = threads;
    });
    for (HandlerType method : new HandlerType[] {HandlerType.GET, HandlerType.POST, HandlerType.PUT}) {
      app.addHttpHandler(method, "/_matrix/*", api::handle);
    }
  }

  /** Starts on a free port of 127.0.0.1, as the homeserver named {@code serverName}. */
  public static DemoHomeserver start(String serverName) {
    DemoHomeserver homeserver = new DemoHomeserver(serverName);
    homeserver.app.start("127.0.0.1", 0);
    return homeserver;
  }

  /** The client-server API's base URL, e.g. {@code http://127.0.0.1:41234}. */
  public String baseUrl() {
    return "http://127.0.0.1:" + app.port();
  }

  public String serverName() {
    return serverName;
  }

  /** Creates an account, as {@code /register} would, and answers its access token. */
  public String register(String localpart, String password) {
    return accounts.register(localpart, password);
  }

  /** The full user id of a local user. */
  public String userId(String localpart) {
    return accounts.userId(localpart);
  }

  @Override
  public void close() {
    rooms.close();
    app.stop();
  }
}
