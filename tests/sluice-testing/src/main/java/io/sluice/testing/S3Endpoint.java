package io.sluice.testing;

import io.sluice.storage.StorageConfig;
import io.sluice.storage.s3.EmbeddedS3;
import io.sluice.storage.s3.S3ObjectStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.hadoop.fs.FileUtil;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded S3 endpoint of the JVM (S3Proxy on a random port of 127.0.0.1, objects as files in a
 * temporary directory), kept in JUnit's root store and stopped when the test run ends.
 */
@SuppressWarnings("deprecation")
final class S3Endpoint implements ExtensionContext.Store.CloseableResource, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(S3Endpoint.class);
  private static final String PATH_OUTPUT_COMMIT_PROTOCOL =
      "org.apache.spark.internal.io.cloud.PathOutputCommitProtocol";

  private final Path dataDir;
  private final EmbeddedS3 s3;
  private final S3ObjectStore store;
  private final Map<String, String> hadoopSettings;
  private final Map<String, String> sparkSqlSettings;
  private boolean closed;

  private S3Endpoint(Path dataDir, EmbeddedS3 s3) {
    this.dataDir = dataDir;
    this.s3 = s3;
    StorageConfig config = s3.storageConfig();
    this.store = S3ObjectStore.create(config);
    Map<String, String> hadoop = new LinkedHashMap<>(config.hadoopSettings());
    // The S3A committer stages task output on local disk; keep it with the endpoint's files.
    hadoop.put(
        "fs.s3a.committer.staging.tmp.path",
        dataDir.resolve("committer-staging").toUri().toString());
    this.hadoopSettings = Map.copyOf(hadoop);
    // Spark SQL writes commit through the S3A committer only with spark-hadoop-cloud's protocol.
    this.sparkSqlSettings =
        onClasspath(PATH_OUTPUT_COMMIT_PROTOCOL) ? Map.copyOf(config.sparkSettings()) : Map.of();
    if (sparkSqlSettings.isEmpty()) {
      LOG.warn(
          "{} is not on the classpath (org.apache.spark:spark-hadoop-cloud): Spark SQL writes to s3:// "
              + "will not go through the S3A committer",
          PATH_OUTPUT_COMMIT_PROTOCOL);
    }
  }

  static S3Endpoint start() {
    long start = System.nanoTime();
    Path dir;
    try {
      dir = Files.createTempDirectory("sluice-testing-s3-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a directory for the embedded S3 endpoint", e);
    }
    S3Endpoint endpoint = new S3Endpoint(dir, EmbeddedS3.start(dir.resolve("data"), 0));
    LOG.info(
        "embedded S3 endpoint {} started in {} ms",
        endpoint.endpoint(),
        (System.nanoTime() - start) / 1_000_000);
    return endpoint;
  }

  private static boolean onClasspath(String className) {
    try {
      Class.forName(className, false, S3Endpoint.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  String endpoint() {
    return s3.endpoint().toString();
  }

  EmbeddedS3 server() {
    return s3;
  }

  Map<String, String> hadoopSettings() {
    return hadoopSettings;
  }

  Map<String, String> sparkSqlSettings() {
    return sparkSqlSettings;
  }

  void createBucket(String name) {
    store.createBucket(name);
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      store.close();
    } finally {
      s3.close();
      FileUtil.fullyDelete(dataDir.toFile());
    }
  }
}
