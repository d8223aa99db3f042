package io.sluice.runner.services;

import static io.sluice.runner.CliOutcome.sluice;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.runner.CliOutcome;
import io.sluice.runner.ServicesUpProcess;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@code sluice services up} as a user runs it: a real child JVM serving S3 in the foreground,
 * stopped with SIGTERM and started again on the same data. Bad requests are checked in-process.
 */
class ServicesCommandTest {

  /**
   * SIGTERM's exit status for a JVM that ran its shutdown hooks (128 + 15), as for any Java server.
   */
  private static final int EXIT_ON_SIGTERM = 143;

  @TempDir Path dir;

  @Test
  void upServesS3UntilSigtermAndObjectsSurviveARestart() throws Exception {
    Path data = dir.resolve("s3-data");
    byte[] content = "objects are plain files\n".getBytes(StandardCharsets.UTF_8);

    try (ServicesUpProcess first = servicesUp(data)) {
      Map<String, String> env = first.exports();
      assertEquals("sluice", env.get("AWS_ACCESS_KEY_ID"), first.describe());
      assertEquals("us-east-1", env.get("AWS_REGION"), first.describe());
      // Only the S3 endpoint: a general AWS_ENDPOINT_URL would also send DynamoDB calls to it.
      assertTrue(env.get("AWS_ENDPOINT_URL_S3").startsWith("http://127.0.0.1:"), first.describe());
      assertFalse(env.containsKey("AWS_ENDPOINT_URL"), first.describe());
      assertTrue(
          first
              .stdout()
              .contains("aws --endpoint-url " + env.get("AWS_ENDPOINT_URL_S3") + " s3 ls"),
          first.describe());

      try (S3Client s3 = client(env)) {
        s3.createBucket(b -> b.bucket("services-test"));
        s3.putObject(
            b -> b.bucket("services-test").key("dir/hello.txt"), RequestBody.fromBytes(content));
        assertEquals(
            new String(content, StandardCharsets.UTF_8),
            s3.getObjectAsBytes(b -> b.bucket("services-test").key("dir/hello.txt"))
                .asUtf8String());
      }
      // The filesystem backend keeps the object as the file itself, readable without S3.
      assertEquals(
          new String(content, StandardCharsets.UTF_8),
          Files.readString(data.resolve("services-test/dir/hello.txt")));

      int code = first.terminate();
      assertEquals(EXIT_ON_SIGTERM, code, first.describe());
      assertTrue(
          first
              .stdout()
              .lines()
              .anyMatch(
                  l -> l.startsWith("# stopped: S3 endpoint " + env.get("AWS_ENDPOINT_URL_S3"))),
          first.describe());
    }

    try (ServicesUpProcess second = servicesUp(data);
        S3Client s3 = client(second.exports())) {
      assertEquals(
          new String(content, StandardCharsets.UTF_8),
          s3.getObjectAsBytes(b -> b.bucket("services-test").key("dir/hello.txt")).asUtf8String(),
          second.describe());
      assertEquals(
          List.of("dir/hello.txt"),
          s3.listObjectsV2(b -> b.bucket("services-test")).contents().stream()
              .map(o -> o.key())
              .toList());
      assertEquals(EXIT_ON_SIGTERM, second.terminate(), second.describe());
    }
  }

  @Test
  void aBusyPortIsBadInputNamingThePort() throws Exception {
    try (ServerSocket taken = new ServerSocket()) {
      taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      int port = taken.getLocalPort();
      CliOutcome o =
          sluice(
              "services",
              "up",
              "--s3-port",
              String.valueOf(port),
              "--data",
              dir.resolve("d").toString());
      assertEquals(2, o.code, o.err);
      assertEquals(1, o.err.lines().count(), o.err);
      assertTrue(
          o.err.startsWith("sluice services up: port " + port + " on 127.0.0.1 is already in use"),
          o.err);
      assertTrue(o.err.contains("--s3-port 0"), o.err);
      assertEquals("", o.out);
    }
  }

  @Test
  void badRequestsAreOneLineWithExitTwo() throws Exception {
    Path file = Files.writeString(dir.resolve("a-file"), "x");
    String[][] requests = {
      {"services"},
      {"services", "up", "--s3-port", "70000"},
      {"services", "up", "--s3-port", "0", "--bind", "192.0.2.1"},
      {"services", "up", "--s3-port", "0", "--data", file.toString()},
      {"services", "up", "--s3-port", "nine"},
    };
    String[] expected = {
      "name a subcommand: up",
      "--s3-port must be 0..65535",
      "192.0.2.1 is not an address of this machine",
      file + " is not a directory",
      "'nine' is not an int"
    };
    for (int i = 0; i < requests.length; i++) {
      CliOutcome o = sluice(requests[i]);
      String what = String.join(" ", requests[i]) + "\n" + o.err;
      assertEquals(2, o.code, what);
      assertEquals(1, o.err.lines().count(), what);
      assertTrue(o.err.contains(expected[i]), what);
    }
  }

  @Test
  void helpShowsTheOptionsAndDefaults() {
    CliOutcome o = sluice("services", "up", "--help");
    assertEquals(0, o.code, o.err);
    for (String expected :
        new String[] {
          "--s3-port=PORT",
          "default: 9000",
          "--data=DIR",
          ".sluice/s3",
          "--bind=ADDRESS",
          "127.0.0.1"
        }) {
      assertTrue(o.out.contains(expected), o.out);
    }
  }

  private static S3Client client(Map<String, String> env) {
    return S3Client.builder()
        .endpointOverride(URI.create(env.get("AWS_ENDPOINT_URL_S3")))
        .forcePathStyle(true)
        .region(Region.of(env.get("AWS_REGION")))
        .credentialsProvider(
            StaticCredentialsProvider.create(
                AwsBasicCredentials.create(
                    env.get("AWS_ACCESS_KEY_ID"), env.get("AWS_SECRET_ACCESS_KEY"))))
        // Explicit: the SDK refuses to choose when several HTTP clients are on the classpath.
        .httpClient(Apache5HttpClient.builder().connectionTimeout(Duration.ofSeconds(5)).build())
        .build();
  }

  private static ServicesUpProcess servicesUp(Path data) throws Exception {
    return ServicesUpProcess.start(
        data.getParent(), "# AWS CLI:", "--s3-port", "0", "--data", data.toString());
  }
}
