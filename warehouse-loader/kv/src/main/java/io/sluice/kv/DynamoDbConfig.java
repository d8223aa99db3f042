package io.sluice.kv;

import io.sluice.storage.AwsEnvironment;
import io.sluice.storage.AwsServiceConfig;
import io.sluice.storage.S3Credentials;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * Everything needed to reach a DynamoDB API endpoint and to pace writes to it, in one typed place.
 * {@link #fromEnvironment(Map)} reads the standard AWS variables, so a command that runs against a
 * local endpoint with {@code AWS_ENDPOINT_URL_DYNAMODB} set runs against AWS when it is not.
 */
public final class DynamoDbConfig extends AwsServiceConfig {

  /** Keys for local servers (dynalite checks that requests are signed, not by whom). */
  public static final String LOCAL_ACCESS_KEY = "sluice";

  public static final String LOCAL_SECRET_KEY = "sluice-local";

  private final int batchesInFlight;
  private final int maxAttempts;
  private final Duration baseBackoff;
  private final Duration maxBackoff;

  private DynamoDbConfig(Builder b) {
    super(b);
    this.batchesInFlight = b.batchesInFlight;
    this.maxAttempts = b.maxAttempts;
    this.baseBackoff = b.baseBackoff;
    this.maxBackoff = b.maxBackoff;
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * The DynamoDB settings of the standard AWS variables ({@link AwsEnvironment}, endpoint from
   * AWS_ENDPOINT_URL_DYNAMODB); without keys the SDK default chain (profile files, instance roles)
   * signs requests, or for a local endpoint the local keys.
   */
  public static DynamoDbConfig fromEnvironment(Map<String, String> env) {
    AwsEnvironment aws = AwsEnvironment.read(env, "AWS_ENDPOINT_URL_DYNAMODB");
    Builder b = builder().environment(aws);
    if (aws.credentials() == null && aws.endpoint() != null) {
      // A local endpoint without keys: sign with throwaway ones rather than fail on the default
      // chain.
      b.credentials(S3Credentials.of(LOCAL_ACCESS_KEY, LOCAL_SECRET_KEY));
    }
    return b.build();
  }

  /**
   * Parses an endpoint such as {@code http://127.0.0.1:8000}; names the problem if it is not one.
   */
  public static URI parseEndpoint(String endpoint) {
    return parseHttpUrl(
        endpoint,
        reason ->
            new IllegalArgumentException(
                "not a DynamoDB endpoint URL: '" + endpoint + "': " + reason),
        () ->
            new IllegalArgumentException(
                "not a DynamoDB endpoint URL: '"
                    + endpoint
                    + "' (expected http(s)://host[:port])"));
  }

  public Builder toBuilder() {
    return builder()
        .copyOf(this)
        .batchesInFlight(batchesInFlight)
        .maxAttempts(maxAttempts)
        .backoff(baseBackoff, maxBackoff);
  }

  /** A copy pointed at a local endpoint, signing with the local keys. */
  public DynamoDbConfig withLocalEndpoint(URI localEndpoint) {
    return toBuilder()
        .endpoint(localEndpoint)
        .credentials(S3Credentials.of(LOCAL_ACCESS_KEY, LOCAL_SECRET_KEY))
        .build();
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
    return endpoint() == null ? "AWS DynamoDB (" + region() + ")" : endpoint().toString();
  }

  @Override
  public String toString() {
    return "DynamoDbConfig{endpoint="
        + describeEndpoint()
        + ", credentials="
        + credentials()
        + ", batchesInFlight="
        + batchesInFlight
        + ", maxAttempts="
        + maxAttempts
        + ", backoff="
        + baseBackoff
        + ".."
        + maxBackoff
        + "}";
  }

  /** Builds a {@link DynamoDbConfig}; every field is validated as it is set. */
  public static final class Builder extends AwsServiceConfig.Builder<Builder> {
    private int batchesInFlight = 8;
    private int maxAttempts = 10;
    private Duration baseBackoff = Duration.ofMillis(50);
    private Duration maxBackoff = Duration.ofSeconds(5);

    public Builder() {
      super(DynamoDbConfig::parseEndpoint);
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
        throw new IllegalArgumentException(
            "backoff needs 0 < base <= max, got " + base + ".." + max);
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
