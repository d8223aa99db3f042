package io.sluice.serve.http;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.sluice.serve.Http;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.NetworkConnector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.GracefulHandler;

/**
 * {@link Http.ServerFactory} on Javalin 7 (Jetty 12). Loaded by {@link
 * io.sluice.serve.HttpServerLoader} in the server's own class loader: the only class of the module
 * that names Javalin or Jetty.
 */
public final class JavalinServerFactory implements Http.ServerFactory {

  /** Context attribute set once a route answered, so the 404 mapper leaves its answer alone. */
  private static final String ANSWERED = "sluice.answered";

  @Override
  public Http.Server start(
      String host, int port, List<Http.Route> routes, Http.Handler notFound, Duration drain) {
    Server[] jetty = new Server[1];
    Javalin app =
        Javalin.create(
            cfg -> {
              cfg.startup.showJavalinBanner = false;
              cfg.startup.showOldJavalinVersionWarning = false;
              cfg.jetty.host = host;
              cfg.jetty.port = port;
              cfg.jetty.modifyServer(
                  s -> {
                    jetty[0] = s;
                    // Stopping waits for requests in flight until their responses are written.
                    s.insertHandler(new GracefulHandler());
                    s.setStopTimeout(drain.toMillis());
                  });
              for (Http.Route r : routes) {
                cfg.routes.addHttpHandler(
                    HandlerType.findOrCreate(r.method()),
                    r.path(),
                    ctx -> answer(ctx, r.handler().handle(exchange(ctx))));
              }
              cfg.routes.error(
                  404,
                  ctx -> {
                    if (ctx.attribute(ANSWERED) == null) {
                      answer(ctx, notFound.handle(exchange(ctx)));
                    }
                  });
            });
    try {
      app.start();
    } catch (RuntimeException e) {
      app.stop();
      throw e;
    }
    return new Http.Server() {
      @Override
      public int port() {
        return app.port();
      }

      @Override
      public void stopAccepting() {
        for (Connector c : jetty[0].getConnectors()) {
          if (c instanceof NetworkConnector n) {
            n.close();
          }
        }
      }

      @Override
      public void close() {
        app.stop();
      }
    };
  }

  private static void answer(Context ctx, Http.Answer a) throws IOException {
    ctx.attribute(ANSWERED, Boolean.TRUE);
    ctx.status(a.status());
    a.headers().forEach(ctx::header);
    ctx.contentType(a.contentType());
    // Written to Javalin's output stream (compression included) as ctx.result(String) would have
    // it, in the content type's charset, without the 32 KiB copy buffer Javalin allocates to
    // stream a result: a third of the gateway's allocation per request, and so of its GC pauses.
    if (a.body() != null && !a.body().isEmpty()) {
      ctx.outputStream().write(a.body().getBytes(ctx.responseCharset()));
    }
  }

  /** HTTP/1.x without Content-Length or Transfer-Encoding has no body (RFC 9112, 6.3). */
  private static boolean hasBody(Context ctx) {
    return ctx.req().getContentLengthLong() > 0
        || ctx.header("Transfer-Encoding") != null
        || !ctx.req().getProtocol().startsWith("HTTP/1.");
  }

  private static Http.Exchange exchange(Context ctx) {
    Map<String, String> headers = new LinkedHashMap<>();
    for (String name : ctx.headerMap().keySet()) {
      headers.put(name.toLowerCase(Locale.ROOT), ctx.header(name));
    }
    String method = ctx.method().name();
    String path = ctx.path();
    String rawQuery = ctx.queryString();
    Map<String, String> pathParams = Map.copyOf(ctx.pathParamMap());
    Map<String, List<String>> query = ctx.queryParamMap();
    // Javalin reads a body into a new 8 KiB buffer even when there is none (a GET's).
    String body = hasBody(ctx) ? ctx.body() : "";
    String ip = ctx.ip();
    return new Http.Exchange() {
      @Override
      public String method() {
        return method;
      }

      @Override
      public String path() {
        return path;
      }

      @Override
      public String rawQuery() {
        return rawQuery;
      }

      @Override
      public Map<String, String> pathParams() {
        return pathParams;
      }

      @Override
      public Map<String, List<String>> query() {
        return query;
      }

      @Override
      public Map<String, String> headers() {
        return headers;
      }

      @Override
      public String body() {
        return body;
      }

      @Override
      public String clientIp() {
        return ip;
      }
    };
  }
}
