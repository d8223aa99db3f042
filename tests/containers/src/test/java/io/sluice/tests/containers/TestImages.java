package io.sluice.tests.containers;

import com.google.cloud.tools.jib.api.ImageReference;
import io.sluice.runner.image.BaseImage;
import io.sluice.runner.image.BuiltImage;
import io.sluice.runner.image.ImageBuilder;
import io.sluice.runner.image.ImageSpec;
import io.sluice.runner.image.RegistryCredentials;
import io.sluice.runner.image.RunnerBuild;
import io.sluice.testing.SluiceProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.StringTokenizer;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds images of this checkout's cluster-runner build, as `sluice package` does, and shared
 * expectations.
 */
final class TestImages {

  private static final Logger LOG = LoggerFactory.getLogger(TestImages.class);
  static final List<String> JOBS =
      List.of("etl", "grep", "join", "logs", "teragen", "terasort", "teravalidate", "wordcount");

  private static Path defaultImage;

  private TestImages() {}

  static Path repoRoot() {
    return Path.of(System.getProperty("sluice.repo.root", "../..")).toAbsolutePath().normalize();
  }

  static RunnerBuild runnerBuild() {
    return RunnerBuild.fromTarget(
        Path.of(
            System.getProperty(
                "sluice.runner.target",
                repoRoot().resolve("cluster-runner/cli/target").toString())));
  }

  /** Shared across test classes and runs: holds the jlink-ed runtime and Jib's layer cache. */
  static Path cacheDir() {
    return Path.of(System.getProperty("sluice.image.cache", "target/image-cache")).toAbsolutePath();
  }

  static ImageSpec tarSpec(String image, Path out, RunnerBuild build) {
    return new ImageSpec(
        ImageReference.of(null, image.split(":")[0], image.split(":")[1]),
        BaseImage.jlinkedFromRunningJdk(),
        out,
        null,
        ImageSpec.Format.OCI,
        build,
        JOBS,
        "test",
        cacheDir());
  }

  /** This checkout's image with the test jobs on {@code base}, written to the tar {@code out}. */
  static ImageSpec written(
      ImageReference image,
      BaseImage base,
      Path out,
      ImageSpec.Format format,
      RegistryCredentials credentials) {
    return spec(image, base, out, null, format, credentials);
  }

  /** This checkout's image with the test jobs on the jlinked JDK, pushed to {@code registry}. */
  static ImageSpec pushed(
      ImageReference image,
      String registry,
      ImageSpec.Format format,
      RegistryCredentials credentials) {
    return spec(
        image,
        BaseImage.jlinkedFromRunningJdk(),
        null,
        ImageSpec.pushTarget(image, registry),
        format,
        credentials);
  }

  /** The test jobs on this checkout's runner build, with the shared layer cache, no user jars. */
  private static ImageSpec spec(
      ImageReference image,
      BaseImage base,
      Path out,
      ImageReference push,
      ImageSpec.Format format,
      RegistryCredentials credentials) {
    return new ImageSpec(
        image,
        base,
        out,
        push,
        format,
        runnerBuild(),
        JOBS,
        "test",
        cacheDir(),
        credentials,
        List.of());
  }

  /**
   * {@code sluice package ARGS} in a JVM of its own, with C2 as {@code bin/sluice} runs it, not the
   * suite's C1-only test default: Jib hashes every blob it writes, pushes or pulls with SHA-256,
   * which only C2 compiles to the CPU's SHA instructions (a tar build on a warm layer cache: 6.4 s
   * of CPU with C1 alone, 3.9 s with C2).
   */
  static SluiceProcess.Builder packageCommand(String... args) {
    List<String> command = new ArrayList<>(List.of("package"));
    command.addAll(List.of(args));
    return SluiceProcess.cli(command.toArray(String[]::new)).jvmOptions("-XX:TieredStopAtLevel=4");
  }

  static BuiltImage build(ImageSpec spec) {
    BuiltImage built = new ImageBuilder(LOG::info).build(spec);
    LOG.info(built.toLine());
    return built;
  }

  /** The default image of this checkout, built once per test JVM. */
  static synchronized Path defaultImage() throws IOException {
    if (defaultImage == null) {
      Path out =
          Files.createDirectories(Path.of("target/images"))
              .resolve("sluice-jobs-it.tar")
              .toAbsolutePath();
      build(tarSpec("sluice-jobs:it", out, runnerBuild()));
      defaultImage = out;
    }
    return defaultImage;
  }

  /**
   * Stores the default image in podman ({@link Podman#stored}): every image the tests build or push
   * has its system, Java, Spark/Hadoop and dependency layers, so podman unpacks those (~500 MB)
   * once per JVM and only the application layer of each other image.
   */
  static void storeSharedLayers() throws IOException {
    Podman.stored(defaultImage());
  }

  /**
   * Word counts as Hadoop's WordCount defines them (StringTokenizer on whitespace): the reference.
   */
  static Map<String, Long> expectedWordCounts(Path text) throws IOException {
    Map<String, Long> counts = new HashMap<>();
    for (String line : Files.readAllLines(text)) {
      StringTokenizer words = new StringTokenizer(line);
      while (words.hasMoreTokens()) {
        counts.merge(words.nextToken(), 1L, Long::sum);
      }
    }
    return counts;
  }

  /** Reads a wordcount output directory (word TAB count per line in part files). */
  static Map<String, Long> readWordCounts(Path dir) throws IOException {
    Map<String, Long> counts = new HashMap<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path part :
          files.filter(p -> p.getFileName().toString().startsWith("part-")).sorted().toList()) {
        for (String line : Files.readAllLines(part)) {
          String[] kv = line.split("\t");
          counts.put(kv[0], Long.parseLong(kv[1]));
        }
      }
    }
    return counts;
  }

  /** A directory the image's user (uid 185) can write into, for bind-mounted output. */
  static Path worldWritable(Path dir) throws IOException {
    Files.createDirectories(dir);
    Files.setPosixFilePermissions(
        dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
    return dir;
  }
}
