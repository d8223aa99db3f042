package io.sluice.functions;

import java.time.Duration;
import java.util.Optional;

/**
 * One invocation's result and what Lambda's {@code REPORT} line tells about it: the request id the
 * handler saw, the handler's duration, and the init duration when this invocation was the first of
 * a new handler instance (a cold start).
 */
public record FunctionInvocation<T>(
    T output, String requestId, Duration duration, Optional<Duration> initDuration) {}
