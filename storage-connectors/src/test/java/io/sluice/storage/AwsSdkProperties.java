package io.sluice.storage;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The AWS SDK's settings of a test, through the system properties the SDK reads in place of the
 * environment variables (which cannot be set in-process): profile files of the test's own and no
 * instance metadata (off EC2 the chains would wait on it). Other modules' tests use it through this
 * module's test-jar.
 */
public final class AwsSdkProperties {

  /** The environment variables by which a machine configures AWS itself. */
  private static final List<String> AWS_ENVIRONMENT =
      List.of(
          "AWS_ACCESS_KEY_ID",
          "AWS_PROFILE",
          "AWS_REGION",
          "AWS_DEFAULT_REGION",
          "AWS_WEB_IDENTITY_TOKEN_FILE",
          "AWS_CONTAINER_CREDENTIALS_FULL_URI",
          "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
          "AWS_ENDPOINT_URL",
          "AWS_ENDPOINT_URL_S3");

  /** Every property set here or by the tests, each standing for its environment variable. */
  private static final List<String> PROPERTIES =
      List.of(
          "aws.configFile",
          "aws.sharedCredentialsFile",
          "aws.disableEc2Metadata",
          "aws.profile",
          "aws.containerCredentialsFullUri");

  /** The secret key of profile {@code team}, which no output may show. */
  public static final String TEAM_SECRET = "team-secret-never-printed";

  private AwsSdkProperties() {}

  /**
   * Profile files in {@code dir}, the SDK pointed at them ({@link #onlyTheseFiles}): the default
   * profile's region eu-north-1; profile {@code team} with region eu-west-3 and the access key
   * AKIATEAM with {@link #TEAM_SECRET}.
   */
  public static void teamProfile(Path dir) throws IOException {
    Path config =
        Files.writeString(
            dir.resolve("config"),
            "[default]\nregion = eu-north-1\n\n[profile team]\nregion = eu-west-3\n");
    Path credentials =
        Files.writeString(
            dir.resolve("credentials"),
            "[team]\naws_access_key_id = AKIATEAM\naws_secret_access_key = " + TEAM_SECRET + "\n");
    onlyTheseFiles(config, credentials);
  }

  /**
   * Skips the test when the environment configures AWS itself; else points the SDK at {@code
   * config} and {@code credentials} (files that need not exist) and away from instance metadata.
   */
  public static void onlyTheseFiles(Path config, Path credentials) {
    assumeTrue(
        AWS_ENVIRONMENT.stream().allMatch(v -> System.getenv(v) == null),
        "the environment configures AWS itself");
    System.setProperty("aws.configFile", config.toString());
    System.setProperty("aws.sharedCredentialsFile", credentials.toString());
    System.setProperty("aws.disableEc2Metadata", "true");
  }

  /** Removes every property a test set, for the next test. */
  public static void clear() {
    PROPERTIES.forEach(System::clearProperty);
  }
}
