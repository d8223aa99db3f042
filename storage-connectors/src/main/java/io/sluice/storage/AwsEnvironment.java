package io.sluice.storage;

import java.util.Map;

/**
 * The standard AWS settings of a process environment, read the way the AWS SDKs and CLI read them:
 * a service endpoint ({@code AWS_ENDPOINT_URL_<SERVICE>}, else {@code AWS_ENDPOINT_URL}), the
 * region ({@code AWS_REGION}, else {@code AWS_DEFAULT_REGION}) and credentials (access key + secret
 * + optional session token, else {@code AWS_PROFILE}). Absent settings are null; blank ones count
 * as absent. Shared by the S3 ({@link StorageConfig}) and DynamoDB configurations.
 */
public record AwsEnvironment(String endpoint, String region, S3Credentials credentials) {

  /** Reads {@code env}; {@code serviceEndpointVariable} is e.g. {@code AWS_ENDPOINT_URL_S3}. */
  public static AwsEnvironment read(Map<String, String> env, String serviceEndpointVariable) {
    String endpoint = firstNonBlank(env.get(serviceEndpointVariable), env.get("AWS_ENDPOINT_URL"));
    String region = firstNonBlank(env.get("AWS_REGION"), env.get("AWS_DEFAULT_REGION"));
    String key = env.get("AWS_ACCESS_KEY_ID");
    String secret = env.get("AWS_SECRET_ACCESS_KEY");
    String profile = env.get("AWS_PROFILE");
    S3Credentials credentials = null;
    if (key != null && !key.isBlank() && secret != null && !secret.isBlank()) {
      credentials = S3Credentials.of(key, secret, env.get("AWS_SESSION_TOKEN"));
    } else if (profile != null && !profile.isBlank()) {
      credentials = S3Credentials.profile(profile);
    }
    return new AwsEnvironment(endpoint, region, credentials);
  }

  /**
   * Returns {@code region} if it is shaped like an AWS region name (e.g. us-east-1); names it
   * otherwise.
   */
  public static String requireRegionName(String region) {
    if (!region.matches("[a-z]{2}(-[a-z]+)+-\\d+")) {
      throw new IllegalArgumentException(
          "not an AWS region name: '" + region + "' (e.g. us-east-1)");
    }
    return region;
  }

  private static String firstNonBlank(String... values) {
    for (String v : values) {
      if (v != null && !v.isBlank()) {
        return v.trim();
      }
    }
    return null;
  }
}
