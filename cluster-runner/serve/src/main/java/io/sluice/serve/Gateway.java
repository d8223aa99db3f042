package io.sluice.serve;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.sluice.concurrent.DaemonThreads;
import io.sluice.functions.FunctionJars;
import io.sluice.kv.KeyValueStore;
import io.sluice.ml.OnlinePredictor;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The API gateway: the routes of an {@link ApiFile} on Javalin (Jetty 12), each behind the
 * gateway's duties ({@link RouteHandler}), plus {@code /health}, {@code /metrics} (Prometheus) and
 * {@code /openapi.json}. Binds 127.0.0.1 unless told otherwise. {@link #close()} stops accepting,
 * lets the requests in flight finish (bounded by the longest route timeout) and stops.
 */
public final class Gateway implements AutoCloseable {

  /** The request timer's name; Prometheus shows it as {@code sluice_serve_requests_seconds}. */
  static final String METRIC = "sluice.serve.requests";

  public static final String DEFAULT_BIND = "127.0.0.1";

  private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);

  private final Http.Server server;
  private final List<RouteBackend> backends;
  private final ExecutorService pool;
  private final AccessLog accessLog;
  private final AtomicInteger inFlight;
  private final Duration drainLimit;
  private final String host;
  private volatile boolean closed;

  private Gateway(
      Http.Server server,
      List<RouteBackend> backends,
      ExecutorService pool,
      AccessLog accessLog,
      AtomicInteger inFlight,
      Duration drainLimit,
      String host) {
    this.server = server;
    this.backends = backends;
    this.pool = pool;
    this.accessLog = accessLog;
    this.inFlight = inFlight;
    this.drainLimit = drainLimit;
    this.host = host;
  }

  public static Builder builder(ApiFile api) {
    return new Builder(api);
  }

  public int port() {
    return server.port();
  }

  /** Where the gateway listens, e.g. {@code http://127.0.0.1:8080}. */
  public URI uri() {
    String h = host.contains(":") ? "[" + host + "]" : host;
    return URI.create("http://" + h + ":" + port());
  }

  /** Requests being answered right now. */
  public int inFlight() {
    return inFlight.get();
  }

  /**
   * Stops accepting connections, waits for the requests in flight (at most the longest route
   * timeout and a second), then stops the server and closes the backends.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    server.stopAccepting();
    long deadline = System.nanoTime() + drainLimit.toNanos();
    try {
      while (inFlight.get() > 0 && System.nanoTime() < deadline) {
        TimeUnit.MILLISECONDS.sleep(5); // polling a counter, bounded by the deadline
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (inFlight.get() > 0) {
      LOG.warn("stopping with {} request(s) still in flight after {}", inFlight.get(), drainLimit);
    }
    server.close();
    pool.shutdownNow();
    accessLog.close();
    for (RouteBackend b : backends) {
      try {
        b.close();
      } catch (Exception e) {
        LOG.warn("closing a route backend: {}", e.toString());
      }
    }
  }

  /** What the gateway is built from; {@link #start()} opens every backend, then listens. */
  public static final class Builder {
    private final ApiFile api;
    private String bind = DEFAULT_BIND;
    private int port = 8080;
    private Supplier<? extends KeyValueStore> kvStore;
    private FunctionJars functionJars;
    private Function<ApiRoute.Predict, OnlinePredictor> predictors;

    private Builder(ApiFile api) {
      this.api = Objects.requireNonNull(api);
    }

    public Builder bind(String address) {
      this.bind = Objects.requireNonNull(address);
      return this;
    }

    /** The port; 0 takes a free one ({@link Gateway#port()} says which). */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be 0..65535, got " + port);
      }
      this.port = port;
      return this;
    }

    /** The store kv-get routes read, asked for once when the first such route is opened. */
    public Builder keyValueStore(Supplier<? extends KeyValueStore> store) {
      this.kvStore = store;
      return this;
    }

    /** The jars function routes find their handler classes in. */
    public Builder functionJars(FunctionJars jars) {
      this.functionJars = jars;
      return this;
    }

    /** Loads the model of a predict route (once per route, at start-up). */
    public Builder predictors(Function<ApiRoute.Predict, OnlinePredictor> loader) {
      this.predictors = loader;
      return this;
    }

    public Gateway start() {
      List<RouteBackend> opened = new ArrayList<>();
      Map<ApiRoute, RouteBackend> byRoute = new LinkedHashMap<>();
      ExecutorService pool =
          Executors.newCachedThreadPool(DaemonThreads.named("sluice-serve-route"));
      AccessLog accessLog = AccessLog.start();
      try {
        KeyValueStore store = null;
        Map<String, ObjectNode> requestSchemas = new LinkedHashMap<>();
        Path dir = api.file().toAbsolutePath().getParent();
        for (ApiRoute r : api.routes()) {
          RouteBackend b;
          if (r.target() instanceof ApiRoute.KvGet) {
            if (store == null) {
              if (kvStore == null) {
                throw new ApiFileException(
                    api.file() + ":" + r.line() + ": kv-get needs a DynamoDB endpoint");
              }
              store = kvStore.get();
            }
            b = new KvGetBackend(store, r);
          } else if (r.target() instanceof ApiRoute.Sql sql) {
            b = new SqlBackend(sql, dir);
          } else if (r.target() instanceof ApiRoute.Function) {
            if (functionJars == null) {
              throw new ApiFileException(
                  api.file() + ":" + r.line() + ": function routes need the handler's jar (--jar)");
            }
            b = new FunctionBackend(r, functionJars);
          } else {
            if (predictors == null) {
              throw new ApiFileException(
                  api.file() + ":" + r.line() + ": predict routes are not available here");
            }
            PredictBackend predict =
                new PredictBackend(predictors.apply((ApiRoute.Predict) r.target()));
            requestSchemas.put(r.name(), predict.requestSchema());
            b = predict;
          }
          opened.add(b);
          byRoute.put(r, b);
        }
        ApiKeys keys = api.apiKeys().map(ApiKeys::load).orElse(null);
        PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        RouteHandler.Shared shared =
            new RouteHandler.Shared(
                keys, api.throttle().orElse(null), metrics, accessLog, pool, System::nanoTime);
        Gauge.builder(METRIC + ".in.flight", shared.inFlight(), AtomicInteger::get)
            .description("Requests being answered right now")
            .register(metrics);
        String openApi = OpenApiDocument.of(api, keys != null, requestSchemas);
        List<Http.Route> routes = new ArrayList<>();
        byRoute.forEach(
            (r, b) ->
                routes.add(new Http.Route(r.method(), r.path(), new RouteHandler(r, b, shared))));
        routes.add(
            new Http.Route("GET", "/health", e -> Http.Answer.json(200, "{\"status\":\"ok\"}")));
        routes.add(
            new Http.Route(
                "GET",
                "/metrics",
                e ->
                    new Http.Answer(
                        200,
                        "text/plain; version=0.0.4; charset=utf-8",
                        Map.of(),
                        metrics.scrape())));
        routes.add(new Http.Route("GET", "/openapi.json", e -> Http.Answer.json(200, openApi)));
        Http.Handler notFound =
            e -> {
              RouteResponse r = RouteHandler.error(404, "no route " + e.method() + " " + e.path());
              return Http.Answer.json(404, r.body());
            };
        Duration longest =
            api.routes().stream()
                .map(ApiRoute::timeout)
                .max(Duration::compareTo)
                .orElse(ApiFile.DEFAULT_TIMEOUT)
                .plusSeconds(1);
        Http.Server server;
        try {
          server = HttpServerLoader.factory().start(bind, port, routes, notFound, longest);
        } catch (RuntimeException e) {
          throw new GatewayStartException(
              "cannot listen on " + bind + ":" + port + ": " + rootMessage(e), e);
        }
        return new Gateway(server, opened, pool, accessLog, shared.inFlight(), longest, bind);
      } catch (RuntimeException e) {
        pool.shutdownNow();
        accessLog.close();
        for (RouteBackend b : opened) {
          try {
            b.close();
          } catch (Exception suppressed) {
            e.addSuppressed(suppressed);
          }
        }
        throw e;
      }
    }

    private static String rootMessage(Throwable e) {
      Throwable t = e;
      while (t.getCause() != null && t.getCause() != t) {
        t = t.getCause();
      }
      return String.valueOf(t.getMessage()).lines().findFirst().orElse("");
    }
  }
}
