package io.sluice.bench;

import io.sluice.runner.image.BaseImage;
import io.sluice.runner.image.BuiltImage;
import io.sluice.runner.image.ImageArchive;
import io.sluice.runner.image.ImageBuilder;
import io.sluice.runner.image.ImageDescription;
import io.sluice.runner.image.ImageSpec;
import io.sluice.runner.image.RunnerBuild;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * {@code sluice package}: the first build (empty cache: jlink, every layer compressed) is the
 * reference; then a rebuild with nothing changed and a rebuild after a one-line change to the
 * application. Prints each time as a ratio of the first and which layer digests changed.
 *
 * <pre>bench/run ImagePackageBenchmark [workdir=target/bench-image]</pre>
 */
public final class ImagePackageBenchmark {

  /**
   * The size reference: Docker Hub cannot be reached from here, so the official image is not pulled
   * in the same run. These are the on-disk sizes `docker images` printed for the official images,
   * as quoted by a Spark PMC member in apache/spark-kubernetes-operator pull request 277
   * (2025-07-03).
   */
  private static final String REFERENCE_IMAGE = "apache/spark:4.0.0";

  private static final double REFERENCE_BYTES = 1.25e9;
  private static final String REFERENCE_SCALA_IMAGE = "apache/spark:4.0.0-java21-scala";
  private static final double REFERENCE_SCALA_BYTES = 977e6;

  public static void main(String[] args) throws Exception {
    Path work = Path.of(args.length > 0 ? args[0] : "target/bench-image").toAbsolutePath();
    Path target =
        Stream.of(Path.of("cluster-runner/cli/target"), Path.of("../cluster-runner/cli/target"))
            .filter(Files::isDirectory)
            .findFirst()
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "run from the repository root: cluster-runner/cli/target not found"));
    RunnerBuild original = RunnerBuild.fromTarget(target);
    deleteTree(work);
    // The application changes in a private copy of cluster-runner's classes, never in the real
    // build.
    Path classes = work.resolve("cluster-runner/cli/target/classes");
    copyTree(original.classpath().get(0), classes);
    List<Path> classpath = new ArrayList<>(original.classpath());
    classpath.set(0, classes);
    RunnerBuild build = new RunnerBuild(classpath, original.jvmFlags());
    Path cache = work.resolve("cache");

    BenchmarkTimer timer = new BenchmarkTimer();
    ImageBuilder builder = new ImageBuilder(line -> {});
    String first = "first build (empty cache)";
    BuiltImage a =
        timer.time(first, () -> builder.build(spec(work.resolve("first.tar"), build, cache)));
    BuiltImage b =
        timer.time(
            "rebuild, nothing changed",
            () -> builder.build(spec(work.resolve("same.tar"), build, cache)));
    Files.writeString(
        classes.resolve("log4j2.properties"), "\n# a one-line change\n", StandardOpenOption.APPEND);
    BuiltImage c =
        timer.time(
            "rebuild after a one-line change",
            () -> builder.build(spec(work.resolve("changed.tar"), build, cache)));

    ImageDescription before = ImageArchive.read(work.resolve("first.tar"));
    ImageDescription after = ImageArchive.read(work.resolve("changed.tar"));
    System.out.printf(
        Locale.ROOT,
        "%nimage: %d layers, %.1f MiB compressed; digest %s%n",
        before.layers().size(),
        before.layerBytes() / 1048576.0,
        a.digest());
    System.out.println("same inputs, same digest: " + a.digest().equals(b.digest()));
    for (int i = 0; i < before.layers().size(); i++) {
      ImageDescription.Layer l = before.layers().get(i);
      boolean changed = !l.digest().equals(after.layers().get(i).digest());
      System.out.printf(
          Locale.ROOT,
          "  layer %-14s %10.1f MiB  %s%n",
          l.name(),
          l.bytes() / 1048576.0,
          changed ? "CHANGED by the one-line change" : "unchanged");
    }
    long unpacked = uncompressedLayerBytes(work.resolve("first.tar"));
    System.out.printf(
        Locale.ROOT,
        "uncompressed: %.0f MB (%.1f MiB); %s %.0f MB -> %.2fx; %s %.0f MB -> %.2fx%n",
        unpacked / 1e6,
        unpacked / 1048576.0,
        REFERENCE_IMAGE,
        REFERENCE_BYTES / 1e6,
        unpacked / REFERENCE_BYTES,
        REFERENCE_SCALA_IMAGE,
        REFERENCE_SCALA_BYTES / 1e6,
        unpacked / REFERENCE_SCALA_BYTES);
    timer.printRatios(first, before.layerBytes());
    System.out.printf(
        Locale.ROOT,
        "rebuild after a one-line change = %.1f%% of the first build (target < 20%%)%n",
        100 * timer.seconds("rebuild after a one-line change") / timer.seconds(first));
    System.out.println(c.toLine());
  }

  /** Sum of the gunzipped layer blobs: what the image takes once a runtime has unpacked it. */
  private static long uncompressedLayerBytes(Path tar) throws IOException {
    long total = 0;
    try (InputStream in = new BufferedInputStream(Files.newInputStream(tar));
        TarArchiveInputStream entries = new TarArchiveInputStream(in)) {
      TarArchiveEntry entry;
      byte[] buffer = new byte[1 << 16];
      while ((entry = entries.getNextEntry()) != null) {
        if (!entry.isFile() || !entry.getName().contains("blobs/")) {
          continue;
        }
        BufferedInputStream blob = new BufferedInputStream(entries);
        blob.mark(2);
        boolean gzip = blob.read() == 0x1f && blob.read() == 0x8b;
        blob.reset();
        if (!gzip) {
          continue; // manifests and configs
        }
        GZIPInputStream layer = new GZIPInputStream(blob, 1 << 16);
        for (int n; (n = layer.read(buffer)) > 0; ) {
          total += n;
        }
      }
    }
    return total;
  }

  private static ImageSpec spec(Path out, RunnerBuild build, Path cache) {
    return new ImageSpec(
        com.google.cloud.tools.jib.api.ImageReference.of(null, "sluice-jobs", "bench"),
        BaseImage.jlinkedFromRunningJdk(),
        out,
        null,
        ImageSpec.Format.OCI,
        build,
        List.of("wordcount"),
        "bench",
        cache);
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path p : files.toList()) {
        Path t = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(t);
        } else {
          Files.copy(p, t);
        }
      }
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (Files.exists(dir)) {
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
  }
}
