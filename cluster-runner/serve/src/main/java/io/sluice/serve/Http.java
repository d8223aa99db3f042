package io.sluice.serve;

import java.util.List;
import java.util.Map;

/**
 * The gateway's view of an HTTP server, in JDK types only. The server itself (Javalin on Jetty 12,
 * Servlet 6) runs in a class loader of its own ({@link HttpServerLoader}) because Spark puts
 * Servlet 5 on the classpath, and Jetty 12 and Spark's Jetty 11 cannot share one Servlet API; only
 * these types cross between the two.
 */
public final class Http {

  private Http() {}

  /** One request. Header names are lower case. */
  public interface Exchange {
    String method();

    String path();

    /** The query string as sent (without '?'), or null. */
    String rawQuery();

    Map<String, String> pathParams();

    Map<String, List<String>> query();

    Map<String, String> headers();

    String body();

    String clientIp();
  }

  /** One answer: status, content type, extra headers, body. */
  public record Answer(int status, String contentType, Map<String, String> headers, String body) {
    public Answer {
      headers = Map.copyOf(headers);
    }

    public static Answer json(int status, String body) {
      return new Answer(status, "application/json", Map.of(), body);
    }
  }

  /** Answers requests; never throws (errors are answers too). */
  @FunctionalInterface
  public interface Handler {
    Answer handle(Exchange exchange);
  }

  /** A route: method, path with {@code {param}} segments, handler. */
  public record Route(String method, String path, Handler handler) {}

  /** A started server. */
  public interface Server extends AutoCloseable {
    int port();

    /** Closes the listening socket; connections already open carry on. */
    void stopAccepting();

    /** Stops the server, after the requests in flight are answered (bounded by the drain time). */
    @Override
    void close();
  }

  /** Starts servers; implemented inside the server's class loader. */
  public interface ServerFactory {
    /**
     * Listens on {@code host:port} (0: a free port) and answers {@code routes}; anything else goes
     * to {@code notFound}.
     */
    Server start(
        String host, int port, List<Route> routes, Handler notFound, java.time.Duration drain);
  }
}
