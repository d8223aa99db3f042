package io.sluice.kv;

import io.sluice.storage.AwsEnvironment;
import io.sluice.storage.S3Credentials;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Everything needed to reach a DynamoDB API endpoint and to pace writes to it, in one typed place.
 * {@link #fromEnvironment(Map)} reads the standard AWS variables, so a command that runs against a
 * local endpoint with {@code AWS_ENDPOINT_URL_DYNAMODB} set runs against AWS when it is not.
 */
public final class DynamoDbConfig {

  /** Keys for local servers (dynalite checks that requests are signed, not by whom). */
  public static final String LOCAL_ACCESS_KEY = "sluice";
  public static final String LOCAL_SECRET_KEY = "sluice-local";

  private final URI endpoint;
  private final String region;
  private final S3Credentials credentials;
  private final int batchesInFlight;
  private final int maxAttempts;
  private final Duration baseBackoff;
  private final Duration maxBackoff;

  private DynamoDbConfig(Builder b) {
    this.endpoint = b.endpoint;
    this.region = b.region;
    this.credentials = Objects.requireNonNull(b.credentials, "credentials");
    this.batchesInFlight = b.batchesInFlight;
    this.maxAttempts = b.maxAttempts;
    this.baseBackoff = b.baseBackoff;
    this.maxBackoff = b.maxBackoff;
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Reads AWS_ENDPOINT_URL_DYNAMODB (or AWS_ENDPOINT_URL), AWS_REGION (or AWS_DEFAULT_REGION),
   * AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN and AWS_PROFILE; without keys
   * the SDK default chain (profile files, instance roles) signs requests.
   */
  public static DynamoDbConfig fromEnvironment(Map<String, String> env) {
    Builder b = builder();
    AwsEnvironment aws = AwsEnvironment.read(env, "AWS_ENDPOINT_URL_DYNAMODB");
    if (aws.endpoint() != null) {
      b.endpoint(parseEndpoint(aws.endpoint()));
    }
    if (aws.region() != null) {
      b.region(aws.region());
    }
    if (aws.credentials() != null) {
      b.credentials(aws.credentials());
    } else if (aws.endpoint() != null) {
      // A local endpoint without keys: sign with throwaway ones rather than fail on the default chain.
      b.credentials(S3Credentials.of(LOCAL_ACCESS_KEY, LOCAL_SECRET_KEY));
    }
    return b.build();
  }

  /** Parses an endpoint such as {@code http://127.0.0.1:8000}; names the problem if it is not one. */
  public static URI parseEndpoint(String endpoint) {
    URI uri;
    try {
      uri = URI.create(endpoint.trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not a DynamoDB endpoint URL: '" + endpoint + "': " + e.getMessage());
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
      throw new IllegalArgumentException("not a DynamoDB endpoint URL: '" + endpoint + "' (expected http(s)://host[:port])");
    }
    return uri;
  }

  public Builder toBuilder() {
    return builder().endpoint(endpoint).region(region).credentials(credentials).batchesInFlight(batchesInFlight)
        .maxAttempts(maxAttempts).backoff(baseBackoff, maxBackoff);
  }

  /** A copy pointed at a local endpoint, signing with the local keys. */
  public DynamoDbConfig withLocalEndpoint(URI localEndpoint) {
    return toBuilder().endpoint(localEndpoint).credentials(S3Credentials.of(LOCAL_ACCESS_KEY, LOCAL_SECRET_KEY)).build();
  }

  /** Null means AWS's own endpoint for the region. */
  public URI endpoint() {
    return endpoint;
  }

  public String region() {
    return region == null ? "us-east-1" : region;
  }

  public S3Credentials credentials() {
    return credentials;
  }

  /** Batch write calls a loader keeps in flight at once. */
  public int batchesInFlight() {
    return batchesInFlight;
  }

  /** Attempts per request (first try included) before throttling counts as a failure. */
  public int maxAttempts() {
    return maxAttempts;
  }

  public Duration baseBackoff() {
    return baseBackoff;
  }

  public Duration maxBackoff() {
    return maxBackoff;
  }

  /** Where requests go, for messages. */
  public String describeEndpoint() {
    return endpoint == null ? "AWS DynamoDB (" + region() + ")" : endpoint.toString();
  }

  @Override
  public String toString() {
    return "DynamoDbConfig{endpoint=" + describeEndpoint() + ", credentials=" + credentials + ", batchesInFlight="
        + batchesInFlight + ", maxAttempts=" + maxAttempts + ", backoff=" + baseBackoff + ".." + maxBackoff + "}";
  }

  /** Builds a {@link DynamoDbConfig}; every field is validated as it is set. */
  public static final class Builder {
    private URI endpoint;
    private String region;
    private S3Credentials credentials = S3Credentials.defaultChain();
    private int batchesInFlight = 8;
    private int maxAttempts = 10;
    private Duration baseBackoff = Duration.ofMillis(50);
    private Duration maxBackoff = Duration.ofSeconds(5);

    public Builder endpoint(URI endpoint) {
      this.endpoint = endpoint == null ? null : parseEndpoint(endpoint.toString());
      return this;
    }

    public Builder region(String region) {
      this.region = region == null ? null : AwsEnvironment.requireRegionName(region);
      return this;
    }

    public Builder credentials(S3Credentials credentials) {
      this.credentials = Objects.requireNonNull(credentials, "credentials");
      return this;
    }

    public Builder batchesInFlight(int n) {
      if (n < 1 || n > 64) {
        throw new IllegalArgumentException("batches in flight must be 1..64, got " + n);
      }
      this.batchesInFlight = n;
      return this;
    }

    public Builder maxAttempts(int n) {
      if (n < 1 || n > 50) {
        throw new IllegalArgumentException("max attempts must be 1..50, got " + n);
      }
      this.maxAttempts = n;
      return this;
    }

    public Builder backoff(Duration base, Duration max) {
      if (base.isNegative() || base.isZero() || max.compareTo(base) < 0) {
        throw new IllegalArgumentException("backoff needs 0 < base <= max, got " + base + ".." + max);
      }
      this.baseBackoff = base;
      this.maxBackoff = max;
      return this;
    }

    public DynamoDbConfig build() {
      return new DynamoDbConfig(this);
    }
  }
}
