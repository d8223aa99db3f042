package io.sluice.testing;

import io.sluice.storage.StorageConfig;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fresh, empty bucket on the embedded S3 endpoint (S3Proxy, a real S3 REST server on a random
 * port of 127.0.0.1; path-style addressing, region us-east-1, no TLS, fixed local keys).
 *
 * <p><b>Scope: one bucket per test method</b>, uniquely named, on an endpoint shared by the whole
 * JVM. A {@code @BeforeAll} method or constructor that asks for one gets a bucket for the test
 * class instead (not the one its test methods get). While the bucket exists, jobs run through
 * {@link Sluice} and the shared Spark session reach it through S3A with {@link #hadoopSettings()}.
 */
public final class S3Bucket {

  private static final Logger LOG = LoggerFactory.getLogger(S3Bucket.class);

  private final S3Endpoint endpoint;
  private final String name;

  private S3Bucket(S3Endpoint endpoint, String name) {
    this.endpoint = endpoint;
    this.name = name;
  }

  static S3Bucket create(S3Endpoint endpoint, String name) {
    endpoint.createBucket(name);
    S3Bucket bucket = new S3Bucket(endpoint, name);
    ActiveSettings.add(bucket.fixtureId(), endpoint.hadoopSettings(), endpoint.sparkSqlSettings());
    return bucket;
  }

  private String fixtureId() {
    return "s3-bucket:" + name;
  }

  /** The bucket's name, unique in the JVM (e.g. {@code t7-counts-words}). */
  public String name() {
    return name;
  }

  /** {@code s3://<bucket>/<key>}, a location every job accepts (served by S3A). */
  public String uri(String key) {
    return "s3://" + name + "/" + stripLeadingSlash(key);
  }

  /** {@code s3a://<bucket>/<key>}, for Hadoop's and Spark's own APIs. */
  public String s3aUri(String key) {
    return "s3a://" + name + "/" + stripLeadingSlash(key);
  }

  /** The endpoint, e.g. {@code http://127.0.0.1:41234}. */
  public String endpoint() {
    return endpoint.endpoint();
  }

  /**
   * The Hadoop settings for S3A against this endpoint: endpoint, path-style access, region
   * us-east-1, no SSL, {@code SimpleAWSCredentialsProvider} with the endpoint's keys, and the S3A
   * directory committer for output.
   */
  public Map<String, String> hadoopSettings() {
    return endpoint.hadoopSettings();
  }

  /** The runtime Spark SQL settings that commit Spark SQL writes through the S3A committer. */
  public Map<String, String> sparkSettings() {
    return endpoint.sparkSqlSettings();
  }

  /** The endpoint's storage settings, e.g. for {@code S3ObjectStore.create}. */
  public StorageConfig storageConfig() {
    return endpoint.server().storageConfig();
  }

  /** A configuration with {@link #hadoopSettings()}, for Hadoop's FileSystem API. */
  public Configuration conf() {
    Configuration conf = new Configuration();
    hadoopSettings().forEach(conf::set);
    return conf;
  }

  /**
   * The folder that holds this bucket's objects as plain files (the endpoint's filesystem backend).
   */
  public Path localDirectory() {
    return endpoint.server().dataDir().resolve(name);
  }

  void release() {
    ActiveSettings.remove(fixtureId());
    try {
      // Hadoop caches one S3A client per bucket; this bucket's is not needed any more.
      FileSystem.get(URI.create("s3a://" + name + "/"), conf()).close();
    } catch (IOException | RuntimeException e) {
      LOG.debug("closing the cached S3A client of {}: {}", name, e.toString());
    }
  }

  private static String stripLeadingSlash(String key) {
    return key.startsWith("/") ? key.substring(1) : key;
  }

  @Override
  public String toString() {
    return "S3Bucket[" + name + " at " + endpoint() + "]";
  }
}
