package io.sluice.storage.s3;

import io.sluice.storage.S3Credentials;
import io.sluice.storage.StorageConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real S3 REST endpoint in this process (S3Proxy with its filesystem backend), bound to
 * 127.0.0.1. Buckets are folders under the data directory and objects plain files in them, so they
 * survive a restart and can be inspected with ordinary tools.
 *
 * <p>It speaks the S3 protocol with AWS signature v2/v4, so the AWS SDK, S3A, the AWS CLI and
 * rclone all work against it. It does not implement bucket versioning or bucket policies; calls to
 * those are answered with HTTP 501 NotImplemented.
 */
public final class EmbeddedS3 implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedS3.class);

  /** Credentials of the local endpoint; not secrets, it listens on loopback only. */
  public static final String DEFAULT_ACCESS_KEY = "sluice";

  public static final String DEFAULT_SECRET_KEY = "sluice-local-secret";
  public static final String REGION = "us-east-1";

  private final AutoCloseable proxy;
  private final int port;
  private final Path dataDir;
  private final String host;
  private final String accessKey;
  private final String secretKey;

  private EmbeddedS3(
      AutoCloseable proxy,
      int port,
      Path dataDir,
      String host,
      String accessKey,
      String secretKey) {
    this.proxy = proxy;
    this.port = port;
    this.dataDir = dataDir;
    this.host = host;
    this.accessKey = accessKey;
    this.secretKey = secretKey;
  }

  /** Starts an endpoint on 127.0.0.1; port 0 picks a free port. */
  public static EmbeddedS3 start(Path dataDir, int port) {
    return start(dataDir, "127.0.0.1", port, DEFAULT_ACCESS_KEY, DEFAULT_SECRET_KEY);
  }

  public static EmbeddedS3 start(
      Path dataDir, String host, int port, String accessKey, String secretKey) {
    Objects.requireNonNull(dataDir, "dataDir");
    Path data;
    try {
      data = Files.createDirectories(dataDir.toAbsolutePath().normalize());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create S3 data directory " + dataDir, e);
    }
    ClassLoader loader = S3ProxyClassLoader.get();
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(loader);
    try {
      Class<?> launcher = Class.forName(S3ProxyLauncher.class.getName(), true, loader);
      AutoCloseable proxy =
          (AutoCloseable)
              launcher
                  .getConstructor(String.class, String.class, int.class, String.class, String.class)
                  .newInstance(data.toString(), host, port, accessKey, secretKey);
      int boundPort = (int) launcher.getMethod("port").invoke(proxy);
      EmbeddedS3 s3 = new EmbeddedS3(proxy, boundPort, data, host, accessKey, secretKey);
      LOG.info("embedded S3 endpoint {} serving {}", s3.endpoint(), data);
      return s3;
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      throw new EmbeddedS3Exception(
          "embedded S3 endpoint failed to start on " + host + ":" + port + ": " + cause, cause);
    } catch (ReflectiveOperationException e) {
      throw new EmbeddedS3Exception(
          "embedded S3 endpoint (S3Proxy) is not on the classpath: " + e, e);
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  public URI endpoint() {
    return URI.create("http://" + host + ":" + port);
  }

  public int port() {
    return port;
  }

  public Path dataDir() {
    return dataDir;
  }

  public String accessKey() {
    return accessKey;
  }

  public String secretKey() {
    return secretKey;
  }

  public String region() {
    return REGION;
  }

  /** The storage settings any Sluice component uses to reach this endpoint. */
  public StorageConfig storageConfig() {
    return StorageConfig.builder()
        .s3Endpoint(endpoint())
        .region(REGION)
        .pathStyleAccess(true)
        .credentials(S3Credentials.of(accessKey, secretKey))
        // S3Proxy's HEAD answers carry no ETag, which S3A's change detection would insist on.
        .requireObjectVersionAttributes(false)
        .build();
  }

  /** Shell lines that point the AWS CLI, SDKs, rclone and sluice at this endpoint. */
  public String exportLines() {
    return String.join(
        System.lineSeparator(),
        "export AWS_ENDPOINT_URL_S3=" + endpoint(),
        "export AWS_ACCESS_KEY_ID=" + accessKey,
        "export AWS_SECRET_ACCESS_KEY=" + secretKey,
        "export AWS_REGION=" + REGION);
  }

  @Override
  public void close() {
    try {
      proxy.close();
      LOG.info("embedded S3 endpoint on port {} stopped", port);
    } catch (Exception e) {
      throw new EmbeddedS3Exception(
          "embedded S3 endpoint did not stop cleanly: " + e.getMessage(), e);
    }
  }
}
