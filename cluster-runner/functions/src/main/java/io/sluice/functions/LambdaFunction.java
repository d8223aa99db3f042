package io.sluice.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.Deque;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A handler class of a {@link FunctionJars}, invoked as Lambda invokes it.
 *
 * <p>Instances: as on Lambda, a handler instance is created once (class loading, static
 * initialisation and constructor: {@link #initDuration()}) and reused by later invocations, and one
 * instance never runs two invocations at once, so a handler need not be thread-safe. Lambda meets
 * concurrent requests with more execution environments, each with its own instance; so does this
 * class: an invocation takes an idle instance or, when all are busy, creates a new one (a cold
 * start, reported by {@link FunctionInvocation#initDuration()}). Concurrent invocations therefore
 * run in parallel rather than queueing behind a lock; the number of instances grows to the peak
 * concurrency. An instance whose invocation timed out or threw an {@link Error} is dropped, as
 * Lambda resets such an environment.
 *
 * <p>Each invocation runs on a thread of the jars' pool with the jars' class loader as context
 * class loader, gets a fresh request id and a {@link Context} counting down to its timeout.
 */
public final class LambdaFunction {

  private static final byte[] NULL_JSON = {'n', 'u', 'l', 'l'};

  private final String handler;
  private final Class<?> handlerClass;
  private final HandlerType type;
  private final FunctionSettings settings;
  private final ClassLoader loader;
  private final ExecutorService executor;
  private final Duration initDuration;
  private final Deque<Instance> idle = new ConcurrentLinkedDeque<>();
  private final AtomicInteger instances = new AtomicInteger();
  private final EventJson json;

  LambdaFunction(
      String handler,
      Class<?> handlerClass,
      HandlerType type,
      FunctionSettings settings,
      ClassLoader loader,
      ExecutorService executor,
      Object firstInstance,
      Duration initDuration) {
    this.handler = handler;
    this.handlerClass = handlerClass;
    this.type = type;
    this.settings = settings;
    this.loader = loader;
    this.executor = executor;
    this.initDuration = initDuration;
    this.json = new EventJson(handler, type);
    instances.incrementAndGet();
    idle.push(new Instance(firstInstance, initDuration));
  }

  /** The handler class name. */
  public String handler() {
    return handler;
  }

  /** The name, memory and version the handler's {@link Context} reports. */
  public FunctionSettings settings() {
    return settings;
  }

  /** Loading, initialising and constructing the handler: the first instance's cold start. */
  public Duration initDuration() {
    return initDuration;
  }

  /** How many handler instances exist (the peak concurrency so far, less dropped ones). */
  public int instances() {
    return instances.get();
  }

  /** Whether {@link #invokeHttp} hands the event object itself to the handler (no JSON). */
  public boolean takesHttpEvents() {
    return !type.stream()
        && type.inputClass() == APIGatewayV2HTTPEvent.class
        && type.outputClass() == APIGatewayV2HTTPResponse.class;
  }

  /**
   * Invokes the handler with an HTTP API (payload format 2.0) event. A {@code
   * RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>} gets the event object; any
   * other handler gets the event as JSON, and its output is read as API Gateway reads it: an object
   * with a {@code statusCode} is the response, anything else is a 200 {@code application/json}
   * body.
   */
  public APIGatewayV2HTTPResponse invokeHttp(APIGatewayV2HTTPEvent event, Duration timeout) {
    return invokeHttpReported(event, timeout).output();
  }

  /** {@link #invokeHttp} with the request id, duration and cold start of the invocation. */
  public FunctionInvocation<APIGatewayV2HTTPResponse> invokeHttpReported(
      APIGatewayV2HTTPEvent event, Duration timeout) {
    if (takesHttpEvents()) {
      FunctionInvocation<APIGatewayV2HTTPResponse> result =
          run(
              (instance, context) ->
                  (APIGatewayV2HTTPResponse) httpHandler(instance).handleRequest(event, context),
              timeout,
              RequestIds.random());
      if (result.output() != null) {
        return result;
      }
      // No response object: API Gateway gets the JSON null, as from any other handler.
      return new FunctionInvocation<>(
          HttpApiResponses.fromJson(handler, result.requestId(), NULL_JSON),
          result.requestId(),
          result.duration(),
          result.initDuration());
    }
    FunctionInvocation<byte[]> raw = invokeReported(HttpApiEvents.toJson(event), timeout);
    return new FunctionInvocation<>(
        HttpApiResponses.fromJson(handler, raw.requestId(), raw.output()),
        raw.requestId(),
        raw.duration(),
        raw.initDuration());
  }

  /**
   * Invokes the handler with a JSON event: a {@code RequestHandler<I, O>} gets the event
   * deserialized into {@code I} as Lambda's Java runtime does (its event serializers for AWS event
   * classes, Jackson otherwise) and its output serialized from {@code O}; a {@code
   * RequestStreamHandler} gets the bytes as they are and returns what it wrote.
   *
   * @throws FunctionException the event does not deserialize into the handler's input type
   * @throws FunctionTimeoutException the handler did not return within {@code timeout}
   * @throws FunctionFailedException the handler threw
   */
  public byte[] invokeJson(byte[] eventJson, Duration timeout) {
    return invokeReported(eventJson, timeout).output();
  }

  /** {@link #invokeJson} with the request id, duration and cold start of the invocation. */
  public FunctionInvocation<byte[]> invokeReported(byte[] eventJson, Duration timeout) {
    return invokeReported(eventJson, timeout, requestId -> {});
  }

  /**
   * {@link #invokeReported(byte[], Duration)} telling {@code onStart} the request id once the event
   * is accepted, just before the handler runs (where Lambda logs its {@code START} line).
   */
  public FunctionInvocation<byte[]> invokeReported(
      byte[] eventJson, Duration timeout, Consumer<String> onStart) {
    String requestId = RequestIds.random();
    if (type.stream()) {
      onStart.accept(requestId);
      return run(
          (instance, context) -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ((RequestStreamHandler) instance)
                .handleRequest(new ByteArrayInputStream(eventJson), out, context);
            return out.toByteArray();
          },
          timeout,
          requestId);
    }
    Object input = json.input(eventJson);
    onStart.accept(requestId);
    FunctionInvocation<Object> result =
        run(
            (instance, context) -> requestHandler(instance).handleRequest(input, context),
            timeout,
            requestId);
    return new FunctionInvocation<>(
        json.output(result.output(), result.requestId()),
        result.requestId(),
        result.duration(),
        result.initDuration());
  }

  @SuppressWarnings("unchecked")
  private static RequestHandler<Object, Object> requestHandler(Object instance) {
    return (RequestHandler<Object, Object>) instance;
  }

  @SuppressWarnings("unchecked")
  private static RequestHandler<APIGatewayV2HTTPEvent, Object> httpHandler(Object instance) {
    return (RequestHandler<APIGatewayV2HTTPEvent, Object>) instance;
  }

  /** One call of the handler instance. */
  private interface HandlerCall<T> {
    T call(Object instance, Context context) throws Exception;
  }

  private <T> FunctionInvocation<T> run(HandlerCall<T> call, Duration timeout, String requestId) {
    if (timeout == null || timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive, got " + timeout);
    }
    Instance instance = take(requestId);
    long start = System.nanoTime();
    FunctionContext context =
        new FunctionContext(
            requestId,
            settings,
            start + timeout.toNanos(),
            new Slf4jLambdaLogger(settings.functionName(), requestId));
    Future<T> running;
    try {
      running = submit(call, instance, context);
    } catch (RejectedExecutionException closed) {
      idle.push(instance);
      throw new IllegalStateException(
          "the jars of handler " + handler + " are closed: open them again to invoke it", closed);
    }
    try {
      T output = running.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
      Duration duration = Duration.ofNanos(System.nanoTime() - start);
      Optional<Duration> init = instance.firstUse();
      idle.push(instance);
      return new FunctionInvocation<>(output, requestId, duration, init);
    } catch (TimeoutException e) {
      running.cancel(true);
      drop();
      throw new FunctionTimeoutException(handler, requestId, timeout);
    } catch (ExecutionException e) {
      Throwable thrown = e.getCause();
      if (thrown instanceof Error) {
        drop();
      } else {
        instance.firstUse();
        idle.push(instance);
      }
      throw FunctionFailedException.thrown(handler, requestId, thrown);
    } catch (InterruptedException e) {
      running.cancel(true);
      drop();
      Thread.currentThread().interrupt();
      throw new FunctionFailedException(
          handler, requestId, "Sluice.Interrupted", "the invocation was interrupted", e);
    }
  }

  /** The call on a thread of the jars' pool, with the jars' loader as context class loader. */
  private <T> Future<T> submit(HandlerCall<T> call, Instance instance, Context context) {
    return executor.submit(
        () -> {
          Thread thread = Thread.currentThread();
          ClassLoader previous = thread.getContextClassLoader();
          thread.setContextClassLoader(loader);
          try {
            return call.call(instance.handler, context);
          } finally {
            thread.setContextClassLoader(previous);
          }
        });
  }

  private void drop() {
    instances.decrementAndGet();
  }

  private Instance take(String requestId) {
    Instance instance = idle.poll();
    if (instance != null) {
      return instance;
    }
    long start = System.nanoTime();
    Object created;
    try {
      created = FunctionJars.construct(handlerClass, loader);
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      Throwable cause =
          e instanceof java.lang.reflect.InvocationTargetException t ? t.getCause() : e;
      throw FunctionFailedException.thrown(handler, requestId, cause);
    }
    instances.incrementAndGet();
    return new Instance(created, Duration.ofNanos(System.nanoTime() - start));
  }

  /** A handler instance and its init duration, reported with its first invocation only. */
  private static final class Instance {
    final Object handler;
    private Duration unreportedInit;

    Instance(Object handler, Duration init) {
      this.handler = handler;
      this.unreportedInit = init;
    }

    Optional<Duration> firstUse() {
      Optional<Duration> init = Optional.ofNullable(unreportedInit);
      unreportedInit = null;
      return init;
    }
  }

  @Override
  public String toString() {
    return "LambdaFunction[" + handler + "]";
  }
}
