package io.sluice.storage;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.hadoop.conf.Configuration;

/**
 * Everything needed to reach file://, hdfs:// and s3:// storage, in one typed place. Produces the
 * Hadoop settings the engines use (S3A for s3://) and is what the SDK-based {@code ObjectStore} is
 * built from, so jobs and administration address the same endpoint with the same credentials.
 *
 * <p>{@link #fromEnvironment(Map)} reads the standard AWS variables, so a command that runs against
 * the embedded endpoint with {@code AWS_ENDPOINT_URL_S3} set runs against AWS when it is not.
 */
public final class StorageConfig extends AwsServiceConfig {

  /** S3A's committer factory, bound to the s3a scheme so every FileOutputFormat uses it. */
  public static final String S3A_COMMITTER_FACTORY =
      "org.apache.hadoop.fs.s3a.commit.S3ACommitterFactory";

  private final boolean pathStyleAccess;
  private final S3Committer committer;
  private final int retryLimit;
  private final boolean requireObjectVersionAttributes;

  private StorageConfig(Builder b) {
    super(b);
    this.pathStyleAccess = b.pathStyleAccess;
    this.committer = Objects.requireNonNull(b.committer, "committer");
    this.retryLimit = b.retryLimit;
    this.requireObjectVersionAttributes = b.requireObjectVersionAttributes;
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * The S3 settings of the standard AWS variables ({@link AwsEnvironment}, endpoint from
   * AWS_ENDPOINT_URL_S3), path-style for an explicit endpoint. Without keys the SDK default chain
   * is used (which also reads profile files and instance roles).
   */
  public static StorageConfig fromEnvironment(Map<String, String> env) {
    AwsEnvironment aws = AwsEnvironment.read(env, "AWS_ENDPOINT_URL_S3");
    return builder().environment(aws).pathStyleAccess(aws.endpoint() != null).build();
  }

  /**
   * Parses an endpoint such as {@code http://127.0.0.1:9000}; names the problem if it is not one.
   */
  public static URI parseEndpoint(String endpoint) {
    return parseHttpUrl(
        endpoint,
        reason -> new InvalidStorageUriException(endpoint, "not an S3 endpoint URL: " + reason),
        () -> new InvalidStorageUriException(endpoint, "an S3 endpoint is http(s)://host[:port]"));
  }

  /** A copy that talks to another S3 endpoint (path-style, as local S3-compatible servers need). */
  public StorageConfig withS3Endpoint(URI endpoint) {
    return toBuilder().s3Endpoint(endpoint).pathStyleAccess(true).build();
  }

  public StorageConfig withCredentials(S3Credentials newCredentials) {
    return toBuilder().credentials(newCredentials).build();
  }

  public Builder toBuilder() {
    return builder()
        .copyOf(this)
        .pathStyleAccess(pathStyleAccess)
        .committer(committer)
        .retryLimit(retryLimit)
        .requireObjectVersionAttributes(requireObjectVersionAttributes);
  }

  /** Null means AWS's own endpoint for the region. */
  public URI s3Endpoint() {
    return endpoint();
  }

  public boolean pathStyleAccess() {
    return pathStyleAccess;
  }

  public S3Committer committer() {
    return committer;
  }

  public int retryLimit() {
    return retryLimit;
  }

  /**
   * The Hadoop settings for these storage settings: S3A endpoint, region, addressing, credentials,
   * retries, and the S3A committer bound to s3a:// output. {@code s3://} is served by S3A too.
   */
  public Map<String, String> hadoopSettings() {
    Map<String, String> s = new LinkedHashMap<>();
    URI s3Endpoint = endpoint();
    s.put("fs.s3.impl", "org.apache.hadoop.fs.s3a.S3AFileSystem");
    s.put("fs.AbstractFileSystem.s3.impl", "org.apache.hadoop.fs.s3a.S3A");
    if (s3Endpoint != null) {
      s.put("fs.s3a.endpoint", s3Endpoint.toString());
      s.put(
          "fs.s3a.connection.ssl.enabled",
          String.valueOf("https".equalsIgnoreCase(s3Endpoint.getScheme())));
    }
    s.put("fs.s3a.endpoint.region", region());
    s.put("fs.s3a.path.style.access", String.valueOf(pathStyleAccess));
    s.putAll(credentials().hadoopSettings());
    // Throttling (503 SlowDown) is retried patiently with exponential backoff; other transient
    // errors (a refused connection) fewer times, so an endpoint that is down fails in seconds.
    s.put("fs.s3a.retry.limit", String.valueOf(Math.min(retryLimit, 3)));
    s.put("fs.s3a.retry.interval", "250ms");
    s.put("fs.s3a.retry.throttle.limit", String.valueOf(retryLimit));
    s.put("fs.s3a.retry.throttle.interval", "500ms");
    s.put("fs.s3a.attempts.maximum", "3");
    // Detect an object changing under a reader by its ETag; stores that omit it get a warning
    // instead.
    s.put(
        "fs.s3a.change.detection.version.required", String.valueOf(requireObjectVersionAttributes));
    // Commit through the S3A committer, never by renaming (which on S3 is a copy).
    s.put("mapreduce.outputcommitter.factory.scheme.s3a", S3A_COMMITTER_FACTORY);
    s.put("fs.s3a.committer.name", committer.s3aName());
    s.put("fs.s3a.committer.magic.enabled", String.valueOf(committer == S3Committer.MAGIC));
    s.put("fs.s3a.committer.staging.conflict-mode", "fail");
    return s;
  }

  /**
   * Spark settings that make Spark SQL writes go through the S3A committer: Spark's default commit
   * protocol only understands FileOutputCommitter and would write straight into the destination.
   * Needs {@code spark-hadoop-cloud} on the classpath; harmless for file:// and hdfs:// output.
   */
  public Map<String, String> sparkSettings() {
    Map<String, String> s = new LinkedHashMap<>();
    s.put(
        "spark.sql.sources.commitProtocolClass",
        "org.apache.spark.internal.io.cloud.PathOutputCommitProtocol");
    s.put(
        "spark.sql.parquet.output.committer.class",
        "org.apache.spark.internal.io.cloud.BindingParquetOutputCommitter");
    return s;
  }

  /** Sets {@link #hadoopSettings()} on a configuration and returns it. */
  public Configuration applyTo(Configuration conf) {
    hadoopSettings().forEach(conf::set);
    return conf;
  }

  @Override
  public String toString() {
    return "StorageConfig{s3Endpoint="
        + (endpoint() == null ? "AWS" : endpoint())
        + ", region="
        + region()
        + ", pathStyle="
        + pathStyleAccess
        + ", credentials="
        + credentials()
        + ", committer="
        + committer.s3aName()
        + "}";
  }

  /** Builds a {@link StorageConfig}; every field is validated on {@link #build()}. */
  public static final class Builder extends AwsServiceConfig.Builder<Builder> {
    private boolean pathStyleAccess;
    private S3Committer committer = S3Committer.DIRECTORY;
    private int retryLimit = 7;
    private boolean requireObjectVersionAttributes = true;

    public Builder() {
      super(StorageConfig::parseEndpoint);
    }

    /** False for S3-compatible stores that do not return ETags on HEAD/GET. */
    public Builder requireObjectVersionAttributes(boolean required) {
      this.requireObjectVersionAttributes = required;
      return this;
    }

    public Builder s3Endpoint(URI endpoint) {
      return endpoint(endpoint);
    }

    public Builder pathStyleAccess(boolean pathStyle) {
      this.pathStyleAccess = pathStyle;
      return this;
    }

    public Builder committer(S3Committer committer) {
      this.committer = Objects.requireNonNull(committer, "committer");
      return this;
    }

    public Builder retryLimit(int limit) {
      if (limit < 0 || limit > 50) {
        throw new IllegalArgumentException("retry limit must be 0..50, got " + limit);
      }
      this.retryLimit = limit;
      return this;
    }

    public StorageConfig build() {
      return new StorageConfig(this);
    }
  }
}
