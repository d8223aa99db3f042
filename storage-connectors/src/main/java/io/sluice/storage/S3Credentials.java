package io.sluice.storage;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * How S3 requests are signed: the AWS SDK v2 default chain (environment, profile files, container
 * and instance roles), a named profile, or explicit keys (local endpoints, tests).
 */
public final class S3Credentials {

  /** Where the credentials come from. */
  public enum Source {
    DEFAULT_CHAIN,
    PROFILE,
    EXPLICIT
  }

  private final Source source;
  private final String profile;
  private final String accessKey;
  private final String secretKey;
  private final String sessionToken;

  private S3Credentials(
      Source source, String profile, String accessKey, String secretKey, String sessionToken) {
    this.source = source;
    this.profile = profile;
    this.accessKey = accessKey;
    this.secretKey = secretKey;
    this.sessionToken = sessionToken;
  }

  public static S3Credentials defaultChain() {
    return new S3Credentials(Source.DEFAULT_CHAIN, null, null, null, null);
  }

  public static S3Credentials profile(String name) {
    return new S3Credentials(Source.PROFILE, requireText(name, "profile"), null, null, null);
  }

  public static S3Credentials of(String accessKey, String secretKey) {
    return of(accessKey, secretKey, null);
  }

  public static S3Credentials of(String accessKey, String secretKey, String sessionToken) {
    return new S3Credentials(
        Source.EXPLICIT,
        null,
        requireText(accessKey, "access key"),
        requireText(secretKey, "secret key"),
        sessionToken == null || sessionToken.isBlank() ? null : sessionToken);
  }

  private static String requireText(String value, String what) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("S3 " + what + " must not be empty");
    }
    return value;
  }

  public Source source() {
    return source;
  }

  public String accessKey() {
    return accessKey;
  }

  /** The SDK v2 provider for these credentials. */
  public AwsCredentialsProvider provider() {
    return switch (source) {
      case DEFAULT_CHAIN -> DefaultCredentialsProvider.builder().build();
      case PROFILE -> ProfileCredentialsProvider.create(profile);
      case EXPLICIT ->
          StaticCredentialsProvider.create(
              sessionToken == null
                  ? AwsBasicCredentials.create(accessKey, secretKey)
                  : AwsSessionCredentials.create(accessKey, secretKey, sessionToken));
    };
  }

  /** The S3A settings for these credentials. */
  Map<String, String> hadoopSettings() {
    Map<String, String> settings = new LinkedHashMap<>();
    switch (source) {
      case DEFAULT_CHAIN ->
          settings.put(
              "fs.s3a.aws.credentials.provider",
              "software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider");
      case PROFILE -> {
        // S3A's own profile provider takes the name from the configuration, so --profile reaches
        // the engines (and remote tasks) without AWS_PROFILE.
        settings.put(
            "fs.s3a.aws.credentials.provider",
            "org.apache.hadoop.fs.s3a.auth.ProfileAWSCredentialsProvider");
        settings.put("fs.s3a.auth.profile.name", profile);
      }
      case EXPLICIT -> {
        settings.put("fs.s3a.access.key", accessKey);
        settings.put("fs.s3a.secret.key", secretKey);
        if (sessionToken != null) {
          settings.put("fs.s3a.session.token", sessionToken);
          settings.put(
              "fs.s3a.aws.credentials.provider",
              "org.apache.hadoop.fs.s3a.TemporaryAWSCredentialsProvider");
        } else {
          settings.put(
              "fs.s3a.aws.credentials.provider",
              "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider");
        }
      }
      default -> throw new IllegalStateException(source.name());
    }
    return settings;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof S3Credentials c
        && source == c.source
        && Objects.equals(profile, c.profile)
        && Objects.equals(accessKey, c.accessKey)
        && Objects.equals(secretKey, c.secretKey)
        && Objects.equals(sessionToken, c.sessionToken);
  }

  @Override
  public int hashCode() {
    return Objects.hash(source, profile, accessKey);
  }

  @Override
  public String toString() {
    // Never print secrets.
    return switch (source) {
      case DEFAULT_CHAIN -> "AWS default credential chain";
      case PROFILE -> "AWS profile '" + profile + "'";
      case EXPLICIT -> "access key " + accessKey;
    };
  }
}
