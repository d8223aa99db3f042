package io.sluice.serve;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.sluice.errors.UserError;
import io.sluice.functions.RequestIds;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's duties around one route's backend, in order: API key (401/403), throttle (429 with
 * Retry-After), the backend under the route's timeout (504), errors (400 for the client's, 500
 * otherwise), then one access-log line and the route's metrics.
 */
final class RouteHandler implements Http.Handler {

  private static final Logger LOG = LoggerFactory.getLogger(RouteHandler.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Everything the routes share: keys, throttle buckets, metrics, the access log, the pool backends
   * run on.
   */
  record Shared(
      ApiKeys keys,
      ApiFile.Throttle throttle,
      Map<String, TokenBucket> buckets,
      MeterRegistry metrics,
      AccessLog accessLog,
      ExecutorService pool,
      AtomicInteger inFlight,
      LongSupplier nanoClock) {

    Shared(
        ApiKeys keys,
        ApiFile.Throttle throttle,
        MeterRegistry metrics,
        AccessLog accessLog,
        ExecutorService pool,
        LongSupplier nanoClock) {
      this(
          keys,
          throttle,
          new ConcurrentHashMap<>(),
          metrics,
          accessLog,
          pool,
          new AtomicInteger(),
          nanoClock);
    }
  }

  /**
   * The latency histogram's buckets: fixed and few (Micrometer's percentile histogram has about 70
   * per timer, each one a series per route and status in every scrape), from 1 ms to the longest
   * sensible route timeout.
   */
  private static final Duration[] LATENCY_BUCKETS = {
    Duration.ofMillis(1),
    Duration.ofMillis(2),
    Duration.ofMillis(5),
    Duration.ofMillis(10),
    Duration.ofMillis(25),
    Duration.ofMillis(50),
    Duration.ofMillis(100),
    Duration.ofMillis(250),
    Duration.ofMillis(500),
    Duration.ofSeconds(1),
    Duration.ofMillis(2500),
    Duration.ofSeconds(5),
    Duration.ofSeconds(10),
    Duration.ofSeconds(30)
  };

  private final ApiRoute route;
  private final RouteBackend backend;
  private final Shared shared;
  private final Map<Integer, Timer> timers = new ConcurrentHashMap<>();

  RouteHandler(ApiRoute route, RouteBackend backend, Shared shared) {
    this.route = route;
    this.backend = backend;
    this.shared = shared;
  }

  @Override
  public Http.Answer handle(Http.Exchange ctx) {
    long start = shared.nanoClock().getAsLong();
    shared.inFlight().incrementAndGet();
    String requestId = RequestIds.random();
    String keyId = null;
    RouteResponse response;
    try {
      String presented = ctx.headers().get(ApiKeys.HEADER);
      if (shared.keys() != null) {
        keyId = presented == null ? null : shared.keys().idOf(presented);
      }
      response = answer(ctx, presented, keyId, requestId);
    } catch (RuntimeException e) {
      LOG.warn("route {} failed (request {}): {}", route.name(), requestId, e.toString());
      response = error(500, "internal error (request " + requestId + ")");
    } finally {
      shared.inFlight().decrementAndGet();
    }
    Map<String, String> headers = new LinkedHashMap<>(response.headers());
    // API Gateway's own header name: a function's x-request-id (its Lambda request id) stays as
    // set.
    headers.put("apigw-requestid", requestId);
    String contentType = headers.remove("Content-Type");
    long nanos = shared.nanoClock().getAsLong() - start;
    record(response.status(), nanos);
    shared
        .accessLog()
        .write(
            new AccessLog.Entry(
                Instant.now(),
                requestId,
                route.name(),
                ctx.method(),
                ctx.path(),
                response.status(),
                nanos / 1e6,
                keyId,
                ctx.clientIp()));
    return new Http.Answer(
        response.status(),
        contentType == null ? "application/json" : contentType,
        headers,
        response.body());
  }

  private RouteResponse answer(
      Http.Exchange ctx, String presented, String keyId, String requestId) {
    if (shared.keys() != null) {
      if (presented == null || presented.isEmpty()) {
        return error(401, "missing API key: send it in the " + ApiKeys.HEADER + " header");
      }
      if (keyId == null) {
        return error(403, "unknown API key");
      }
    }
    if (shared.throttle() != null) {
      String client = keyId != null ? "key:" + keyId : "ip:" + ctx.clientIp();
      long now = shared.nanoClock().getAsLong();
      TokenBucket bucket =
          shared
              .buckets()
              .computeIfAbsent(
                  client,
                  c -> new TokenBucket(shared.throttle().rate(), shared.throttle().burst(), now));
      long wait = bucket.tryTake(now);
      if (wait > 0) {
        RouteResponse tooMany = error(429, "too many requests: throttled");
        return new RouteResponse(
            429,
            tooMany.body(),
            Map.of("Retry-After", Long.toString(TokenBucket.retryAfterSeconds(wait))));
      }
    }
    RouteRequest request = request(ctx, requestId);
    if (backend.stopsAtTimeout()) {
      // No hand-off to the pool: one thread switch less per request.
      try {
        return backend.handle(request);
      } catch (Exception e) {
        return failure(e, requestId);
      }
    }
    Future<RouteResponse> result = shared.pool().submit(() -> backend.handle(request));
    try {
      return result.get(route.timeout().toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      backend.cancel(requestId);
      result.cancel(true);
      return timedOut(route);
    } catch (InterruptedException e) {
      result.cancel(true);
      Thread.currentThread().interrupt();
      return error(503, "the gateway is stopping");
    } catch (ExecutionException e) {
      return failure(e.getCause(), requestId);
    }
  }

  /** A backend's failure: 400 with its message when it is the client's, else 500. */
  private RouteResponse failure(Throwable cause, String requestId) {
    UserError user = UserError.find(cause);
    if (user != null) {
      return error(400, user.getMessage());
    }
    LOG.warn("route {} failed (request {}): {}", route.name(), requestId, String.valueOf(cause));
    return error(500, "internal error (request " + requestId + ")");
  }

  private static RouteRequest request(Http.Exchange ctx, String requestId) {
    return new RouteRequest(
        ctx.method(),
        ctx.path(),
        ctx.rawQuery(),
        ctx.pathParams(),
        ctx.query(),
        ctx.headers(),
        ctx.body(),
        ctx.clientIp(),
        requestId);
  }

  private void record(int status, long nanos) {
    // One timer per status, built once: building and registering looks the meter up by its id.
    timers
        .computeIfAbsent(
            status,
            s ->
                Timer.builder(Gateway.METRIC)
                    .description("Requests answered by the gateway, by route and status")
                    .tag("route", route.name())
                    .tag("status", Integer.toString(s))
                    .serviceLevelObjectives(LATENCY_BUCKETS)
                    .register(shared.metrics()))
        .record(nanos, TimeUnit.NANOSECONDS);
  }

  /** The 504 of a route whose backend did not answer within its timeout. */
  static RouteResponse timedOut(ApiRoute route) {
    return error(504, "route " + route.name() + " timed out after " + route.timeout());
  }

  static RouteResponse error(int status, String message) {
    try {
      return RouteResponse.json(status, JSON.writeValueAsString(Map.of("error", message)));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("a map of strings always serializes", e);
    }
  }
}
