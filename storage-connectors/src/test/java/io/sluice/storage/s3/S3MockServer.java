package io.sluice.storage.s3;

import io.sluice.storage.S3Credentials;
import io.sluice.storage.StorageConfig;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * S3Mock (com.adobe.testing:s3mock, a Spring Boot application) in a JVM of its own: an S3 endpoint
 * that implements bucket versioning, which EmbeddedS3 does not. Its classpath comes from the
 * stand-alone project in src/test/s3mock, built on first use into target/s3mock, so Spring Boot
 * never meets this module's classpath. Both its connectors bind 127.0.0.1 (see LoopbackConnectors
 * there).
 */
record S3MockServer(Process process, int port, Path root, Path log) implements AutoCloseable {

  /**
   * storage-connectors: the working folder when its own tests run, found through {@code
   * sluice.repo.root} from the test modules that take this fixture from its test-jar.
   */
  private static final Path MODULE =
      System.getProperty("sluice.repo.root") != null
          ? Path.of(System.getProperty("sluice.repo.root"), "storage-connectors")
          : Path.of("");

  static final Path PROJECT = MODULE.resolve(Path.of("src", "test", "s3mock"));
  static final Path OUTPUT = MODULE.resolve(Path.of("target", "s3mock"));
  private static final long START_TIMEOUT_MS = 120_000;

  /** Why S3Mock cannot be had here, or null when it was built (or is built now). */
  static String prepare() throws IOException, InterruptedException {
    Path jar = OUTPUT.resolve("sluice-s3mock-launcher.jar");
    Path classpath = OUTPUT.resolve("classpath.txt");
    if (Files.exists(jar)
        && Files.exists(classpath)
        && classpathPresent(classpath)
        && Files.getLastModifiedTime(classpath).toMillis() > newestSource()) {
      return null;
    }
    Files.createDirectories(OUTPUT);
    Path buildLog = OUTPUT.resolve("build.log");
    String mavenHome = System.getProperty("maven.home");
    String mvn =
        mavenHome != null && Files.isExecutable(Path.of(mavenHome, "bin", "mvn"))
            ? Path.of(mavenHome, "bin", "mvn").toString()
            : "mvn";
    Process build =
        new ProcessBuilder(mvn, "-B", "-q", "-f", PROJECT.resolve("pom.xml").toString(), "package")
            .redirectErrorStream(true)
            .redirectOutput(buildLog.toFile())
            .start();
    if (!build.waitFor(5, TimeUnit.MINUTES)) {
      build.destroyForcibly();
      return "building the S3Mock launcher timed out (see " + buildLog.toAbsolutePath() + ")";
    }
    if (build.exitValue() != 0 || !Files.exists(classpath)) {
      return "building the S3Mock launcher failed, exit "
          + build.exitValue()
          + " (S3Mock comes from Maven Central; see "
          + buildLog.toAbsolutePath()
          + ")";
    }
    return null;
  }

  /** The launcher project's newest file: an edit there means a rebuild. */
  private static long newestSource() throws IOException {
    try (Stream<Path> files = Files.walk(PROJECT)) {
      return files
          .filter(Files::isRegularFile)
          .mapToLong(p -> p.toFile().lastModified())
          .max()
          .orElse(0);
    }
  }

  private static boolean classpathPresent(Path classpath) throws IOException {
    String text = Files.readString(classpath, StandardCharsets.UTF_8).trim();
    return !text.isEmpty()
        && Stream.of(text.split(File.pathSeparator)).allMatch(p -> Files.exists(Path.of(p)));
  }

  static S3MockServer start() throws IOException, InterruptedException {
    String classpath =
        OUTPUT.resolve("sluice-s3mock-launcher.jar").toAbsolutePath()
            + File.pathSeparator
            + Files.readString(OUTPUT.resolve("classpath.txt"), StandardCharsets.UTF_8).trim();
    int port = freePort();
    String id = UUID.randomUUID().toString().substring(0, 8);
    Path root = OUTPUT.resolve("root-" + id).toAbsolutePath();
    Path log = OUTPUT.resolve("s3mock-" + id + ".log").toAbsolutePath();
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m",
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-cp",
                classpath,
                "com.adobe.testing.s3mock.S3MockApplication",
                "--server.address=127.0.0.1",
                "--server.port=0",
                "--com.adobe.testing.s3mock.httpPort=" + port,
                "--com.adobe.testing.s3mock.store.root=" + root,
                "--spring.main.banner-mode=off"));
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    S3MockServer server = new S3MockServer(process, port, root, log);
    try {
      server.awaitListening();
      return server;
    } catch (IOException | RuntimeException | InterruptedException e) {
      server.close();
      throw e;
    }
  }

  private void awaitListening() throws IOException, InterruptedException {
    long deadline = System.currentTimeMillis() + START_TIMEOUT_MS;
    while (System.currentTimeMillis() < deadline) {
      if (!process.isAlive()) {
        throw new IOException(
            "S3Mock exited with " + process.exitValue() + " before listening; log: " + tail());
      }
      if (Files.readString(log, StandardCharsets.UTF_8).contains("Started S3MockApplication")) {
        try (Socket s = new Socket()) {
          s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
          return;
        } catch (IOException e) {
          // Started but not yet accepting; try again.
        }
      }
      Thread.sleep(200);
    }
    throw new IOException(
        "S3Mock did not start within " + START_TIMEOUT_MS / 1000 + " s; log: " + tail());
  }

  private String tail() throws IOException {
    List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
    return String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + port);
  }

  /** S3Mock accepts any signature; the keys only have to be there. */
  StorageConfig storageConfig() {
    return StorageConfig.builder()
        .s3Endpoint(endpoint())
        .region("us-east-1")
        .pathStyleAccess(true)
        .credentials(S3Credentials.of("s3mock", "s3mock"))
        .build();
  }

  @Override
  public void close() throws IOException {
    process.destroy();
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    if (Files.exists(root)) {
      try (Stream<Path> walk = Files.walk(root)) {
        for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }
}
