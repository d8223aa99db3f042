package io.sluice.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Region and credentials through the SDK's own chains, narrowed by --profile and --region: real
 * profile files, pointed at through the system properties the SDK reads in place of AWS_CONFIG_FILE
 * and AWS_SHARED_CREDENTIALS_FILE (the environment cannot be set in-process).
 */
class AwsChainTest {

  private static final String TEAM_SECRET = AwsSdkProperties.TEAM_SECRET;

  @TempDir Path dir;

  @BeforeEach
  void profileFiles() throws IOException {
    AwsSdkProperties.teamProfile(dir);
  }

  @AfterEach
  void clear() {
    AwsSdkProperties.clear();
  }

  @Test
  void theRegionComesFromTheConfigFilesProfile() {
    assertEquals("eu-north-1", AwsChain.DEFAULT.resolveRegion());
    assertEquals("eu-west-3", AwsChain.of("team", null).resolveRegion());
  }

  @Test
  void awsProfileSelectsTheProfileAndTheProfileFlagWinsOverIt() {
    System.setProperty("aws.profile", "team");
    assertEquals("eu-west-3", AwsChain.DEFAULT.resolveRegion());
    assertEquals("eu-north-1", AwsChain.of("default", null).resolveRegion());
  }

  @Test
  void theRegionFlagWinsOverEverything() {
    AwsChain chain = AwsChain.of("team", "ap-south-1");
    assertEquals("ap-south-1", chain.resolveRegion());
    StorageConfig config =
        StorageConfig.fromEnvironment(Map.of("AWS_REGION", "us-west-2")).toBuilder()
            .chain(chain)
            .regionFromChain(chain)
            .build();
    assertEquals("ap-south-1", config.hadoopSettings().get("fs.s3a.endpoint.region"));
  }

  @Test
  void theEnvironmentsRegionWinsOverTheProfiles() {
    AwsChain team = AwsChain.of("team", null);
    StorageConfig config =
        StorageConfig.fromEnvironment(Map.of("AWS_REGION", "us-west-2")).toBuilder()
            .chain(team)
            .regionFromChain(team)
            .build();
    assertEquals("us-west-2", config.region());
  }

  @Test
  void aProfileSignsTheEnginesRequestsWithoutAwsProfile() {
    AwsChain team = AwsChain.of("team", null);
    StorageConfig config =
        StorageConfig.fromEnvironment(Map.of()).toBuilder()
            .chain(team)
            .regionFromChain(team)
            .build();
    Map<String, String> s3a = config.hadoopSettings();
    assertEquals("eu-west-3", s3a.get("fs.s3a.endpoint.region"));
    assertEquals("team", s3a.get("fs.s3a.auth.profile.name"));
    assertEquals(
        "org.apache.hadoop.fs.s3a.auth.ProfileAWSCredentialsProvider",
        s3a.get("fs.s3a.aws.credentials.provider"));
    assertEquals("AKIATEAM", config.credentials().provider().resolveCredentials().accessKeyId());
    assertFalse(config.toString().contains(TEAM_SECRET), config.toString());
    assertFalse(s3a.toString().contains(TEAM_SECRET), "the S3A settings name the profile only");
  }

  @Test
  void theCredentialChainReadsTheNamedProfile() {
    assertTrue(AwsChain.of("team", null).findsCredentials());
    assertFalse(AwsChain.of("nobody", null).findsCredentials());
    // [default] has a region but no keys, and nothing else in the chain has any.
    assertFalse(AwsChain.DEFAULT.findsCredentials());
  }

  @Test
  void noRegionAnywhereIsNone() throws IOException {
    Path empty = Files.writeString(dir.resolve("empty"), "");
    System.setProperty("aws.configFile", empty.toString());
    assertNull(AwsChain.DEFAULT.resolveRegion());
    StorageConfig config =
        StorageConfig.fromEnvironment(Map.of()).toBuilder()
            .regionFromChain(AwsChain.DEFAULT)
            .build();
    assertEquals("us-east-1", config.region());
  }

  @Test
  void aRegionFlagMustBeARegionName() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> AwsChain.of(null, "Europe"));
    assertEquals("not an AWS region name: 'Europe' (e.g. us-east-1)", e.getMessage());
  }
}
