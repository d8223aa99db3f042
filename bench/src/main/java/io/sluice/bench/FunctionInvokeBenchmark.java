package io.sluice.bench;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.sluice.functions.FunctionJars;
import io.sluice.functions.HandlerJar;
import io.sluice.functions.LambdaFunction;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;

/**
 * The overhead of {@code LambdaFunction.invokeHttp} (a pooled handler instance, a Context, the call
 * on the function's thread with a timeout) over calling the same handler's {@code handleRequest}
 * directly on the caller's thread (the reference), one client, with the handler of {@link
 * HandlerJar#HELLO} (an HTTP API handler building a small JSON body). Each mode runs WARMUP calls,
 * then COUNT timed calls in 5 rounds, the modes taking turns; p50/p99 of the per-call times are
 * printed. Then the cold start, ROUNDS times: a new class loader over the jar, the handler loaded,
 * initialised and constructed, and its first call, through {@code FunctionJars} against the same
 * steps done directly.
 *
 * <pre>bench/run FunctionInvokeBenchmark [count=20000] [workdir=target/bench-functions] [rounds=10]
 * </pre>
 */
public final class FunctionInvokeBenchmark {
  private static final String REFERENCE = "handleRequest called directly";
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  /** The timed calls of each mode come in this many rounds, the modes taking turns. */
  private static final int ROUNDS = 5;

  @FunctionalInterface
  private interface Call {
    APIGatewayV2HTTPResponse call() throws Exception;
  }

  public static void main(String[] args) throws Exception {
    BenchArgs options = new BenchArgs(args);
    int count = options.intNumber(0, 20_000);
    Path work = options.workDir(1, "target/bench-functions");
    int rounds = options.intNumber(2, 10);
    int warmup = Math.max(1_000, count / 4);
    Path jar = HandlerJar.build(work.resolve("handlers.jar"));
    // The handler logs a line per call; the reference's logger drops it, so ours is quieted too
    // (what is measured is the invocation, not writing stderr).
    Configurator.setLevel("io.sluice.functions.log", Level.WARN);
    APIGatewayV2HTTPEvent event = event();

    Map<String, long[]> timings = new LinkedHashMap<>();
    try (FunctionJars jars = FunctionJars.open(List.of(jar))) {
      RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> direct =
          handler(jars.classLoader());
      Context context = new DirectContext();
      LambdaFunction function = jars.function(HandlerJar.HELLO);
      Map<String, Call> modes = new LinkedHashMap<>();
      modes.put(REFERENCE, () -> direct.handleRequest(event, context));
      modes.put("LambdaFunction.invokeHttp", () -> function.invokeHttp(event, TIMEOUT));
      modes.put("HttpApiEvents.event + invokeHttp", () -> function.invokeHttp(event(), TIMEOUT));
      // Interleaved rounds, so that a change in the machine's load hits every mode alike.
      for (Call call : modes.values()) {
        time(call, warmup);
      }
      int perRound = count / ROUNDS;
      for (int round = 0; round < ROUNDS; round++) {
        for (Map.Entry<String, Call> mode : modes.entrySet()) {
          long[] nanos = time(mode.getValue(), perRound);
          timings.merge(mode.getKey(), nanos, FunctionInvokeBenchmark::concat);
        }
      }
    }
    long[] reference = timings.get(REFERENCE);
    System.out.printf(
        Locale.ROOT,
        "%n%-36s %10s %10s %10s %14s%n",
        "HTTP invocation (" + (count / ROUNDS * ROUNDS) + " calls)",
        "p50 us",
        "p99 us",
        "mean us",
        "p99 - ref us");
    for (Map.Entry<String, long[]> t : timings.entrySet()) {
      long[] nanos = t.getValue();
      System.out.printf(
          Locale.ROOT,
          "%-36s %10.1f %10.1f %10.1f %14.1f%n",
          t.getKey(),
          percentile(nanos, 50) / 1e3,
          percentile(nanos, 99) / 1e3,
          Arrays.stream(nanos).average().orElse(0) / 1e3,
          (percentile(nanos, 99) - percentile(reference, 99)) / 1e3);
    }
    coldStarts(jar, event, rounds);
  }

  /** A new class loader per round: the handler's first load, construction and call. */
  private static void coldStarts(Path jar, APIGatewayV2HTTPEvent event, int rounds)
      throws Exception {
    long[] directInit = new long[rounds];
    long[] directFirst = new long[rounds];
    long[] oursInit = new long[rounds];
    long[] oursFirst = new long[rounds];
    for (int i = 0; i < rounds; i++) {
      long start = System.nanoTime();
      try (URLClassLoader loader =
          new URLClassLoader(
              new URL[] {jar.toUri().toURL()}, FunctionInvokeBenchmark.class.getClassLoader())) {
        RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> direct = handler(loader);
        directInit[i] = System.nanoTime() - start;
        long call = System.nanoTime();
        direct.handleRequest(event, new DirectContext());
        directFirst[i] = System.nanoTime() - call;
      }
      start = System.nanoTime();
      try (FunctionJars jars = FunctionJars.open(List.of(jar))) {
        LambdaFunction function = jars.function(HandlerJar.HELLO);
        oursInit[i] = System.nanoTime() - start;
        long call = System.nanoTime();
        function.invokeHttp(event, TIMEOUT);
        oursFirst[i] = System.nanoTime() - call;
      }
    }
    System.out.printf(
        Locale.ROOT,
        "%n%-38s %14s %14s %14s %14s%n",
        "cold start, ms (median of " + rounds + ")",
        "load+init",
        "first call",
        "vs reference",
        "round 1 total");
    double ref = (median(directInit) + median(directFirst)) / 1e6;
    coldRow("new URLClassLoader, direct call", directInit, directFirst, ref);
    coldRow("FunctionJars.open + function + invoke", oursInit, oursFirst, ref);
  }

  private static void coldRow(String name, long[] init, long[] first, double reference) {
    double total = (median(init) + median(first)) / 1e6;
    System.out.printf(
        Locale.ROOT,
        "%-38s %14.2f %14.2f %13.2fx %14.2f%n",
        name,
        median(init) / 1e6,
        median(first) / 1e6,
        total / reference,
        (init[0] + first[0]) / 1e6);
  }

  @SuppressWarnings("unchecked")
  private static RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler(
      ClassLoader loader) throws Exception {
    return (RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>)
        Class.forName(HandlerJar.HELLO, true, loader).getConstructor().newInstance();
  }

  private static long[] concat(long[] a, long[] b) {
    long[] all = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }

  private static long[] time(Call call, int count) throws Exception {
    long[] nanos = new long[count];
    for (int i = 0; i < count; i++) {
      long start = System.nanoTime();
      APIGatewayV2HTTPResponse response = call.call();
      nanos[i] = System.nanoTime() - start;
      check(response);
    }
    return nanos;
  }

  private static void check(APIGatewayV2HTTPResponse response) {
    if (response.getStatusCode() != 200) {
      throw new IllegalStateException("status " + response.getStatusCode());
    }
  }

  private static APIGatewayV2HTTPEvent event() {
    return HandlerJar.helloRequest(
        "verbose=1",
        Map.of("Accept", List.of("application/json"), "User-Agent", List.of("bench")),
        UUID.randomUUID().toString());
  }

  private static double percentile(long[] values, int p) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }

  private static double median(long[] values) {
    return percentile(values, 50);
  }

  /** The reference's Context: fixed values, a logger that drops lines. */
  private static final class DirectContext implements Context {
    private final String id = UUID.randomUUID().toString();
    private final List<String> dropped = new ArrayList<>();

    @Override
    public String getAwsRequestId() {
      return id;
    }

    @Override
    public String getLogGroupName() {
      return "/aws/lambda/Hello";
    }

    @Override
    public String getLogStreamName() {
      return "bench";
    }

    @Override
    public String getFunctionName() {
      return "Hello";
    }

    @Override
    public String getFunctionVersion() {
      return "$LATEST";
    }

    @Override
    public String getInvokedFunctionArn() {
      return "arn:aws:lambda:us-east-1:000000000000:function:Hello";
    }

    @Override
    public CognitoIdentity getIdentity() {
      return null;
    }

    @Override
    public ClientContext getClientContext() {
      return null;
    }

    @Override
    public int getRemainingTimeInMillis() {
      return 30_000;
    }

    @Override
    public int getMemoryLimitInMB() {
      return 128;
    }

    @Override
    public LambdaLogger getLogger() {
      return new LambdaLogger() {
        @Override
        public void log(String message) {
          if (dropped.size() > 1000) {
            dropped.clear();
          }
          dropped.add(message);
        }

        @Override
        public void log(byte[] message) {}
      };
    }
  }
}
