package io.sluice.storage.s3;

import java.net.URI;
import java.util.Properties;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;

/**
 * Starts S3Proxy. Loaded by {@link EmbeddedS3} inside a class loader of its own (S3Proxy's Jetty 12
 * needs Servlet 6, Spark's Jetty needs Servlet 5), so only JDK types cross the boundary.
 */
public final class S3ProxyLauncher implements AutoCloseable {

  private final S3Proxy proxy;

  public S3ProxyLauncher(String dataDir, String host, int port, String accessKey, String secretKey)
      throws Exception {
    Properties properties = new Properties();
    properties.setProperty("jclouds.filesystem.basedir", dataDir);
    proxy =
        S3Proxy.builder()
            .blobStore(BlobStores.create("filesystem-nio2", properties))
            .endpoint(URI.create("http://" + host + ":" + port))
            .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKey, secretKey)
            // Large single PUTs (S3A and the AWS CLI switch to multipart above their own
            // thresholds).
            .maxSinglePartObjectSize(5L * 1024 * 1024 * 1024)
            .build();
    proxy.start();
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (!"STARTED".equals(proxy.getState())) {
      if ("FAILED".equals(proxy.getState()) || System.nanoTime() > deadline) {
        proxy.stop();
        throw new IllegalStateException(
            "S3Proxy did not start on "
                + host
                + ":"
                + port
                + " (state "
                + proxy.getState()
                + "); is the port in use?");
      }
      Thread.sleep(10);
    }
  }

  public int port() {
    return proxy.getPort();
  }

  @Override
  public void close() throws Exception {
    proxy.stop();
  }
}
