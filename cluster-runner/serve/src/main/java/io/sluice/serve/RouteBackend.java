package io.sluice.serve;

/** What answers one route (a kv-get, sql, predict or function backend). */
public interface RouteBackend extends AutoCloseable {

  /**
   * Answers one request. A {@link io.sluice.errors.UserError} thrown here becomes 400 with its
   * message; anything else 500 with a generic message (the detail goes to the log).
   */
  RouteResponse handle(RouteRequest request) throws Exception;

  /**
   * Whether {@link #handle} stops at the route's timeout by itself (answering 504), so the gateway
   * can call it on the request's own thread instead of handing it to its pool.
   */
  default boolean stopsAtTimeout() {
    return false;
  }

  /** Asks the work of request {@code requestId} to stop (it ran over its timeout). */
  default void cancel(String requestId) {}

  @Override
  default void close() {}
}
