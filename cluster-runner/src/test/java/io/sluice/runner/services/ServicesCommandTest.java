package io.sluice.runner.services;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.jobs.JobRegistry;
import io.sluice.runner.SluiceCli;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
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

  /** SIGTERM's exit status for a JVM that ran its shutdown hooks (128 + 15), as for any Java server. */
  private static final int EXIT_ON_SIGTERM = 143;

  @TempDir
  Path dir;

  @Test
  void upServesS3UntilSigtermAndObjectsSurviveARestart() throws Exception {
    Path data = dir.resolve("s3-data");
    byte[] content = "objects are plain files\n".getBytes(StandardCharsets.UTF_8);

    try (Service first = Service.start(data)) {
      Map<String, String> env = first.exports();
      assertEquals("sluice", env.get("AWS_ACCESS_KEY_ID"), first.describe());
      assertEquals("us-east-1", env.get("AWS_REGION"), first.describe());
      // Only the S3 endpoint: a general AWS_ENDPOINT_URL would also send DynamoDB calls to it.
      assertTrue(env.get("AWS_ENDPOINT_URL_S3").startsWith("http://127.0.0.1:"), first.describe());
      assertFalse(env.containsKey("AWS_ENDPOINT_URL"), first.describe());
      assertTrue(first.stdout().contains("aws --endpoint-url " + env.get("AWS_ENDPOINT_URL_S3") + " s3 ls"),
          first.describe());

      try (S3Client s3 = client(env)) {
        s3.createBucket(b -> b.bucket("services-test"));
        s3.putObject(b -> b.bucket("services-test").key("dir/hello.txt"), RequestBody.fromBytes(content));
        assertEquals(new String(content, StandardCharsets.UTF_8),
            s3.getObjectAsBytes(b -> b.bucket("services-test").key("dir/hello.txt")).asUtf8String());
      }
      // The filesystem backend keeps the object as the file itself, readable without S3.
      assertEquals(new String(content, StandardCharsets.UTF_8),
          Files.readString(data.resolve("services-test/dir/hello.txt")));

      int code = first.terminate();
      assertEquals(EXIT_ON_SIGTERM, code, first.describe());
      assertTrue(first.stdout().lines().anyMatch(l -> l.startsWith("# stopped: S3 endpoint "
          + env.get("AWS_ENDPOINT_URL_S3"))), first.describe());
    }

    try (Service second = Service.start(data); S3Client s3 = client(second.exports())) {
      assertEquals(new String(content, StandardCharsets.UTF_8),
          s3.getObjectAsBytes(b -> b.bucket("services-test").key("dir/hello.txt")).asUtf8String(), second.describe());
      assertEquals(List.of("dir/hello.txt"),
          s3.listObjectsV2(b -> b.bucket("services-test")).contents().stream().map(o -> o.key()).toList());
      assertEquals(EXIT_ON_SIGTERM, second.terminate(), second.describe());
    }
  }

  @Test
  void aBusyPortIsBadInputNamingThePort() throws Exception {
    try (ServerSocket taken = new ServerSocket()) {
      taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      int port = taken.getLocalPort();
      Outcome o = sluice("services", "up", "--s3-port", String.valueOf(port), "--data", dir.resolve("d").toString());
      assertEquals(2, o.code, o.err);
      assertEquals(1, o.err.lines().count(), o.err);
      assertTrue(o.err.startsWith("sluice services up: port " + port + " on 127.0.0.1 is already in use"), o.err);
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
    String[] expected = {"name a subcommand: up", "--s3-port must be 0..65535", "192.0.2.1 is not an address of this machine",
        file + " is not a directory", "'nine' is not an int"};
    for (int i = 0; i < requests.length; i++) {
      Outcome o = sluice(requests[i]);
      String what = String.join(" ", requests[i]) + "\n" + o.err;
      assertEquals(2, o.code, what);
      assertEquals(1, o.err.lines().count(), what);
      assertTrue(o.err.contains(expected[i]), what);
    }
  }

  @Test
  void helpShowsTheOptionsAndDefaults() {
    Outcome o = sluice("services", "up", "--help");
    assertEquals(0, o.code, o.err);
    for (String expected : new String[] {"--s3-port=PORT", "default: 9000", "--data=DIR", ".sluice/s3", "--bind=ADDRESS",
        "127.0.0.1"}) {
      assertTrue(o.out.contains(expected), o.out);
    }
  }

  private record Outcome(int code, String out, String err) {}

  private static Outcome sluice(String... args) {
    CommandLine cli = SluiceCli.commandLine(JobRegistry.load());
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int code = cli.execute(args);
    return new Outcome(code, out.toString(), err.toString());
  }

  private static S3Client client(Map<String, String> env) {
    return S3Client.builder()
        .endpointOverride(URI.create(env.get("AWS_ENDPOINT_URL_S3")))
        .forcePathStyle(true)
        .region(Region.of(env.get("AWS_REGION")))
        .credentialsProvider(StaticCredentialsProvider.create(
            AwsBasicCredentials.create(env.get("AWS_ACCESS_KEY_ID"), env.get("AWS_SECRET_ACCESS_KEY"))))
        // Explicit: the SDK refuses to choose when several HTTP clients are on the classpath.
        .httpClient(Apache5HttpClient.builder().connectionTimeout(Duration.ofSeconds(5)).build())
        .build();
  }

  /** {@code sluice services up --s3-port 0 --data DIR} in its own JVM, as bin/sluice would start it. */
  private static final class Service implements AutoCloseable {
    private final Process process;
    // Files, not pipes: Process.destroy() closes the pipes, and the "stopped" line comes after it.
    private final Path stdout;
    private final Path stderr;

    private Service(Process process, Path stdout, Path stderr) {
      this.process = process;
      this.stdout = stdout;
      this.stderr = stderr;
    }

    /**
     * Launches java directly rather than bin/sluice: during {@code mvn test} the launcher's
     * runtime-classpath.txt (written at package time) may be missing or stale, and bin/sluice would
     * then start a nested build. The JVM flags are bin/sluice's own argument file.
     */
    static Service start(Path data) throws IOException, InterruptedException {
      Path basedir = Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
      Path jvmOpts = basedir.resolve("target/sluice.jvmopts");
      assertTrue(Files.isRegularFile(jvmOpts), "missing " + jvmOpts + " (written by process-resources)");
      List<String> command = new ArrayList<>(List.of(
          Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m", "@" + jvmOpts,
          "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
          SluiceCli.class.getName(), "services", "up", "--s3-port", "0", "--data", data.toString()));
      Path out = Files.createTempFile(data.getParent(), "services-up", ".out");
      Path err = Files.createTempFile(data.getParent(), "services-up", ".err");
      Process process = new ProcessBuilder(command).directory(basedir.toFile())
          .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
      Service service = new Service(process, out, err);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      while (service.stdout().lines().noneMatch(l -> l.startsWith("# AWS CLI:"))) {
        if (!process.isAlive() || System.nanoTime() > deadline) {
          service.close();
          throw new AssertionError("services up did not print its endpoint within 120 s\n" + service.describe());
        }
        Thread.sleep(50);
      }
      return service;
    }

    Map<String, String> exports() {
      Map<String, String> env = new LinkedHashMap<>();
      for (String line : stdout().lines().toList()) {
        if (line.startsWith("export ")) {
          int eq = line.indexOf('=');
          env.put(line.substring("export ".length(), eq), line.substring(eq + 1));
        }
      }
      return env;
    }

    String stdout() {
      return read(stdout);
    }

    /** SIGTERM, as Ctrl-C or a service manager would send; waits for the hook and the output. */
    int terminate() throws InterruptedException {
      process.destroy();
      assertTrue(process.waitFor(30, TimeUnit.SECONDS), "no exit 30 s after SIGTERM\n" + describe());
      return process.exitValue();
    }

    String describe() {
      return "stdout:\n" + stdout() + "\nstderr:\n" + read(stderr);
    }

    private static String read(Path file) {
      try {
        return Files.readString(file, StandardCharsets.UTF_8);
      } catch (IOException e) {
        return "<cannot read " + file + ": " + e.getMessage() + ">";
      }
    }

    /** Never leaves the child running, whatever the test did; no InterruptedException so try-with-resources stays plain. */
    @Override
    public void close() {
      if (process.isAlive()) {
        process.destroyForcibly();
        try {
          process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      assertFalse(process.isAlive(), "child JVM still running");
    }
  }
}
