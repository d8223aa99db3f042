package io.sluice.runner;

import static io.sluice.runner.CliOutcome.sluice;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.sluice.storage.AwsChain;
import io.sluice.storage.AwsSdkProperties;
import io.sluice.storage.S3Credentials;
import io.sluice.storage.s3.EmbeddedS3;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The AWS flags and the SDK's credential chain against real servers: a container credentials
 * endpoint on 127.0.0.1 (what ECS serves), the embedded S3 endpoint started with that identity
 * (S3Proxy checks signatures), and real profile files. The SDK reads system properties in place of
 * the environment variables (AWS_CONTAINER_CREDENTIALS_FULL_URI, AWS_CONFIG_FILE, ...), which
 * cannot be set in-process.
 */
class AwsFlagsTest {

  private static final String CONTAINER_KEY = "AKIACONTAINER";
  private static final String CONTAINER_SECRET = "container-secret-never-printed";
  private static final String TEAM_SECRET = AwsSdkProperties.TEAM_SECRET;

  @TempDir Path dir;

  @BeforeEach
  void noCredentialsAnywhere() {
    AwsSdkProperties.onlyTheseFiles(dir.resolve("no-config"), dir.resolve("no-credentials"));
  }

  @AfterEach
  void clear() {
    AwsSdkProperties.clear();
  }

  @Test
  void containerCredentialsSignRequestsAndKeepTheEmbeddedEndpointOut() throws IOException {
    AtomicReference<String> secret = new AtomicReference<>(CONTAINER_SECRET);
    HttpServer container = containerCredentialsEndpoint(secret);
    try (EmbeddedS3 s3 =
        EmbeddedS3.start(dir.resolve("s3"), "127.0.0.1", 0, CONTAINER_KEY, CONTAINER_SECRET)) {
      System.setProperty(
          "aws.containerCredentialsFullUri",
          "http://127.0.0.1:" + container.getAddress().getPort() + "/v2/credentials");

      StringWriter err = new StringWriter();
      try (StorageOptions storage =
          StorageOptions.resolve(null, AwsChain.DEFAULT, Map.of(), true, new PrintWriter(err))) {
        assertNull(storage.embedded(), "credentials exist: the embedded endpoint must not serve");
        assertNull(storage.config().s3Endpoint(), "AWS's own endpoint");
        assertEquals(S3Credentials.defaultChain(), storage.config().credentials());
      }
      assertEquals("", err.toString());

      String endpoint = s3.endpoint().toString();
      CliOutcome made = sluice("s3", "mb", "s3://team-bucket", "--endpoint-url", endpoint);
      assertEquals(0, made.code, made.toString());
      CliOutcome listed = sluice("s3", "ls", "--endpoint-url", endpoint);
      assertEquals(0, listed.code, listed.toString());
      assertTrue(listed.out.contains("team-bucket"), listed.toString());

      secret.set("a-wrong-secret-never-printed");
      CliOutcome refused = sluice("s3", "ls", "--endpoint-url", endpoint);
      assertNotEquals(0, refused.code, refused.toString());
      for (CliOutcome o : new CliOutcome[] {made, listed, refused}) {
        assertNoSecret(o.out + o.err, CONTAINER_SECRET, "a-wrong-secret-never-printed");
      }
    } finally {
      container.stop(0);
    }
  }

  @Test
  void noCredentialsAnywhereMeansTheEmbeddedEndpointAndOneLineSayingSo() {
    StringWriter err = new StringWriter();
    try (StorageOptions storage =
        StorageOptions.resolve(null, AwsChain.DEFAULT, Map.of(), true, new PrintWriter(err))) {
      assertNotNull(storage.embedded());
      assertEquals(
          "sluice: no AWS credentials found (env, profile, SSO, web identity, container, instance"
              + " profile); using the embedded S3 endpoint at "
              + storage.embedded().endpoint()
              + " over "
              + storage.embedded().dataDir()
              + "; pass --endpoint-url to choose"
              + System.lineSeparator(),
          err.toString());
    }
  }

  @Test
  void askingForTheEmbeddedEndpointPrintsNoNotice() {
    StringWriter err = new StringWriter();
    try (StorageOptions storage =
        StorageOptions.resolve(
            "embedded", AwsChain.DEFAULT, Map.of(), true, new PrintWriter(err))) {
      assertNotNull(storage.embedded());
    }
    assertEquals("", err.toString());
  }

  @Test
  void theProfileFlagPicksCredentialsAndRegionAndTheRegionFlagWins() throws IOException {
    AwsSdkProperties.teamProfile(dir);

    StringWriter err = new StringWriter();
    try (StorageOptions team = flags("--profile", "team").resolve(true, new PrintWriter(err))) {
      assertNull(team.embedded(), "the profile has credentials");
      assertEquals("eu-west-3", team.config().region());
      assertEquals(S3Credentials.profile("team"), team.config().credentials());
      assertNoSecret(team.config().toString(), TEAM_SECRET);
      assertNoSecret(team.config().hadoopSettings().toString(), TEAM_SECRET);
    }
    try (StorageOptions both =
        flags("--profile", "team", "--region", "ap-south-1").resolve(true, new PrintWriter(err))) {
      assertEquals("ap-south-1", both.config().region());
    }
    // Without the profile, nothing has credentials: the embedded endpoint, said once.
    try (StorageOptions none = flags().resolve(true, new PrintWriter(err))) {
      assertNotNull(none.embedded());
    }
    assertEquals(1, err.toString().lines().count(), err.toString());
  }

  @Test
  void everyAwsCommandTakesTheSameFlags() {
    for (String[] command :
        new String[][] {
          {"s3", "ls"},
          {"kv", "scan"},
          {"load", "warehouse"},
          {"load", "kv"},
          {"ml", "models"},
          {"pipeline", "run"},
          {"run", "wordcount"}
        }) {
      CliOutcome help = sluice(concat(command, "--help"));
      for (String flag : new String[] {"--endpoint-url", "--profile", "--region"}) {
        assertTrue(help.out.contains(flag), String.join(" ", command) + " lacks " + flag);
      }
    }
  }

  private static S3EndpointOptions flags(String... args) {
    S3EndpointOptions options = new S3EndpointOptions();
    new CommandLine(options).parseArgs(args);
    return options;
  }

  /** A container credentials endpoint as ECS serves it, handing out {@code secret}. */
  private static HttpServer containerCredentialsEndpoint(AtomicReference<String> secret)
      throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/v2/credentials",
        exchange -> {
          byte[] body =
              ("{\"AccessKeyId\":\""
                      + CONTAINER_KEY
                      + "\",\"SecretAccessKey\":\""
                      + secret.get()
                      + "\",\"Expiration\":\"2099-01-01T00:00:00Z\"}")
                  .getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().set("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    server.start();
    return server;
  }

  private static void assertNoSecret(String text, String... secrets) {
    for (String s : secrets) {
      assertFalse(text.contains(s), "a secret is printed: " + text);
    }
  }

  private static String[] concat(String[] first, String... rest) {
    String[] all = java.util.Arrays.copyOf(first, first.length + rest.length);
    System.arraycopy(rest, 0, all, first.length, rest.length);
    return all;
  }
}
