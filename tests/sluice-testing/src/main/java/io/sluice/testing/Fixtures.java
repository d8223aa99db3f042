package io.sluice.testing;

import io.sluice.kv.EmbeddedDynamoDbException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.hadoop.fs.FileUtil;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.opentest4j.TestAbortedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts fixtures on request and keeps each in the JUnit store of its scope, which stops it when
 * the scope ends: the root (the JVM's test run), the test class, or the test method.
 */
final class Fixtures {

  private static final Logger LOG = LoggerFactory.getLogger(Fixtures.class);
  static final Namespace NAMESPACE = Namespace.create("io.sluice.testing");
  private static final AtomicInteger NAMES = new AtomicInteger();

  private Fixtures() {}

  /** The context of the innermost test class around {@code context} (itself for a class). */
  static ExtensionContext classScope(ExtensionContext context) {
    for (ExtensionContext c = context; c != null; c = c.getParent().orElse(null)) {
      if (c.getElement().orElse(null) instanceof Class<?>) {
        return c;
      }
    }
    return context;
  }

  /**
   * The test method's context, or the class's for a class-level request (@BeforeAll, constructor).
   */
  static ExtensionContext testScope(ExtensionContext context) {
    return context.getTestMethod().isPresent() ? context : classScope(context);
  }

  static SparkSession spark(ExtensionContext context) {
    context
        .getRoot()
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(
            SharedSpark.StopAtEnd.class,
            k -> new SharedSpark.StopAtEnd(),
            SharedSpark.StopAtEnd.class);
    return SharedSpark.session();
  }

  static MiniDfs miniDfs(ExtensionContext context) {
    ExtensionContext scope = classScope(context);
    return held(
        scope, MiniDfs.class, () -> MiniDfs.start(scope.getRequiredTestClass()), MiniDfs::stop);
  }

  static S3Bucket s3Bucket(ExtensionContext context) {
    ExtensionContext scope = testScope(context);
    S3Endpoint endpoint =
        context
            .getRoot()
            .getStore(NAMESPACE)
            .getOrComputeIfAbsent(S3Endpoint.class, k -> S3Endpoint.start(), S3Endpoint.class);
    return held(
        scope,
        S3Bucket.class,
        () -> S3Bucket.create(endpoint, uniqueName(scope, 63)),
        S3Bucket::release);
  }

  static DuckDbFile duckDb(ExtensionContext context) {
    return held(testScope(context), DuckDbFile.class, DuckDbFile::create, DuckDbFile::delete);
  }

  /**
   * The class's DynamoDB API server. When dynalite is not installed the test is aborted (skipped),
   * or fails with the install hint when the environment variable CI is true.
   */
  static DynamoDbServer dynamoDb(ExtensionContext context) {
    ExtensionContext scope = classScope(context);
    try {
      return held(scope, DynamoDbServer.class, DynamoDbServer::start, DynamoDbServer::stop);
    } catch (EmbeddedDynamoDbException e) {
      throw whenDynamoDbDidNotStart(e, System.getenv());
    }
  }

  /**
   * What a failed start of dynalite becomes: when it is not installed, a skipped test ({@link
   * TestAbortedException}), or with {@code CI=true} a failure naming the install script; any other
   * failure unchanged.
   */
  static RuntimeException whenDynamoDbDidNotStart(
      EmbeddedDynamoDbException e, Map<String, String> environment) {
    String m = String.valueOf(e.getMessage());
    boolean missing =
        m.contains("is not installed")
            || m.contains("not on the PATH")
            || m.contains("is not dynalite's cli.js");
    if (!missing) {
      return e;
    }
    return RequiredTool.missing(
        "the DynamoDB API server (dynalite)", DynamoDbServer.INSTALL_HINT, m, e, environment);
  }

  static TestStorage testStorage(ExtensionContext context, TestStorage.Kind kind) {
    ExtensionContext scope = testScope(context);
    return switch (kind) {
      case FILE ->
          held(
              scope,
              TestStorage.class,
              () -> {
                try {
                  Path dir = Files.createTempDirectory("sluice-test-");
                  return new TestStorage(kind, "file://" + dir.toAbsolutePath());
                } catch (IOException e) {
                  throw new UncheckedIOException("cannot create a directory for the test", e);
                }
              },
              storage -> FileUtil.fullyDelete(new java.io.File(storage.path("").toUri())));
      case HDFS -> {
        MiniDfs dfs = miniDfs(context);
        yield held(
            scope,
            TestStorage.class,
            () -> new TestStorage(kind, dfs.uri("/sluice-test/" + uniqueName(scope, 80))),
            storage -> {});
      }
      case S3 -> {
        S3Bucket bucket = s3Bucket(context);
        yield held(
            scope,
            TestStorage.class,
            () -> new TestStorage(kind, "s3://" + bucket.name()),
            storage -> {});
      }
    };
  }

  /**
   * {@code t<n>-<test name>}: unique in the JVM, lower case letters, digits and '-', at most {@code
   * max} long.
   */
  static String uniqueName(ExtensionContext scope, int max) {
    String test =
        scope
            .getTestMethod()
            .map(m -> m.getName())
            .orElseGet(() -> scope.getRequiredTestClass().getSimpleName());
    String name =
        "t"
            + NAMES.incrementAndGet()
            + "-"
            + test.replaceAll("([a-z0-9])([A-Z])", "$1-$2")
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]+", "-");
    if (name.length() > max) {
      name = name.substring(0, max);
    }
    return name.replaceAll("-+$", "");
  }

  /**
   * The fixture of this type in this scope's store, started on first request and stopped when the
   * scope ends. Keys name the scope: a child scope's store would otherwise see its parent's
   * fixture.
   */
  private static <T> T held(
      ExtensionContext scope, Class<T> type, Supplier<T> start, Consumer<T> stop) {
    ExtensionContext.Store store = scope.getStore(NAMESPACE);
    String key = type.getName() + "@" + scope.getUniqueId();
    Held<?> held = store.get(key, Held.class);
    if (held == null) {
      held = new Held<>(start.get(), stop);
      store.put(key, held);
    }
    return type.cast(held.fixture);
  }

  /** A fixture in a store, stopped once when JUnit closes the store. */
  @SuppressWarnings("deprecation")
  private static final class Held<T>
      implements ExtensionContext.Store.CloseableResource, AutoCloseable {
    private final T fixture;
    private final Consumer<T> stop;
    private boolean stopped;

    Held(T fixture, Consumer<T> stop) {
      this.fixture = fixture;
      this.stop = stop;
    }

    @Override
    public synchronized void close() {
      if (!stopped) {
        stopped = true;
        try {
          stop.accept(fixture);
        } catch (RuntimeException e) {
          LOG.warn("stopping {} failed: {}", fixture, e.toString());
          throw e;
        }
      }
    }
  }
}
