package io.sluice.tests.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.jobs.JobRegistry;
import io.sluice.runner.SluiceCli;
import io.sluice.runner.image.BadImageInputException;
import io.sluice.runner.image.BaseImage;
import io.sluice.runner.image.BuiltImage;
import io.sluice.runner.image.ImageArchive;
import io.sluice.runner.image.ImageBuilder;
import io.sluice.runner.image.ImageDescription;
import io.sluice.runner.image.ImageLayout;
import io.sluice.runner.image.RunnerBuild;
import io.sluice.testing.SluiceProcess;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Image layout, labels, reproducibility and rebuilds; no container runtime needed. */
class ImageBuildIT {

  @TempDir Path tmp;

  @Test
  void imageHasTheLayersEntrypointAndLabelsInOrder() throws IOException {
    ImageDescription image = ImageArchive.read(TestImages.defaultImage());
    assertEquals(
        List.of(
            ImageBuilder.LAYER_SYSTEM,
            ImageBuilder.LAYER_JAVA,
            ImageLayout.LAYER_SPARK_HADOOP,
            ImageLayout.LAYER_DEPENDENCIES,
            ImageLayout.LAYER_APPLICATION),
        image.layers().stream().map(ImageDescription.Layer::name).toList());
    assertEquals(
        List.of(
            "/opt/java/bin/java",
            "@" + ImageLayout.JVM_ARGS_FILE,
            "io.sluice.runner.image.ContainerEntrypoint"),
        image.entrypoint());
    assertEquals(String.join(",", TestImages.JOBS), image.labels().get(ImageBuilder.LABEL_JOBS));
    assertEquals("4.0.1", image.labels().get(ImageBuilder.LABEL_SPARK));
    assertEquals("3.4.2", image.labels().get(ImageBuilder.LABEL_HADOOP));
    assertEquals("test", image.labels().get(ImageBuilder.LABEL_REVISION));
    assertEquals(ImageLayout.USER, image.user());
    // The application layer is the small one a job change rebuilds.
    assertTrue(
        image.layer(ImageLayout.LAYER_APPLICATION).bytes() < image.layerBytes() / 100,
        () -> "application layer too large: " + image.layers());
  }

  @Test
  void sameInputsGiveTheSameDigest() throws IOException {
    Path first = TestImages.defaultImage();
    Path second = tmp.resolve("again.tar");
    BuiltImage again =
        TestImages.build(TestImages.tarSpec("sluice-jobs:it", second, TestImages.runnerBuild()));
    assertEquals(ImageArchive.read(first).manifestDigest(), again.digest());
    assertEquals(-1, Files.mismatch(first, second), "the two tars differ byte for byte");
  }

  @Test
  void oneLineChangeRebuildsOnlyTheApplicationLayer() throws IOException {
    RunnerBuild original = TestImages.runnerBuild();
    // A private copy of cluster-runner's classes, so the change stays in this test.
    Path classes = tmp.resolve("cluster-runner/target/classes");
    copyTree(original.classpath().get(0), classes);
    List<Path> classpath = new ArrayList<>(original.classpath());
    classpath.set(0, classes);
    RunnerBuild copy = new RunnerBuild(classpath, original.jvmFlags());

    ImageDescription before =
        ImageArchive.read(
            Path.of(
                TestImages.build(
                        TestImages.tarSpec("sluice-jobs:change", tmp.resolve("a.tar"), copy))
                    .destination()));
    Files.writeString(
        classes.resolve("log4j2.properties"),
        "\n# one more line\n",
        java.nio.file.StandardOpenOption.APPEND);
    ImageDescription after =
        ImageArchive.read(
            Path.of(
                TestImages.build(
                        TestImages.tarSpec("sluice-jobs:change", tmp.resolve("b.tar"), copy))
                    .destination()));

    for (int i = 0; i < before.layers().size() - 1; i++) {
      assertEquals(
          before.layers().get(i).digest(),
          after.layers().get(i).digest(),
          "layer " + before.layers().get(i).name() + " changed");
    }
    assertNotEquals(
        before.layer(ImageLayout.LAYER_APPLICATION).digest(),
        after.layer(ImageLayout.LAYER_APPLICATION).digest());
    assertNotEquals(before.manifestDigest(), after.manifestDigest());
  }

  /**
   * `sluice package` as a user runs it, in a JVM of its own from the source build, on the layer
   * cache the other tests fill: exit 0, the summary line, and labels naming this checkout's commit
   * and the jobs.
   */
  @Test
  void packageCommandAsAProcessLabelsTheCommitAndTheJobs() throws Exception {
    Path out = tmp.resolve("cli.tar");
    SluiceProcess.Result result =
        TestImages.packageCommand(
                "--image",
                "sluice-jobs:cli",
                "--out",
                out.toString(),
                "--cache-dir",
                TestImages.cacheDir().toString())
            .workDir(tmp)
            .timeoutSeconds(600)
            .run();
    assertEquals(0, result.exitCode(), () -> result.stdout() + Podman.tail(result.stderr()));

    ImageDescription image = ImageArchive.read(out);
    String summary = result.stdout().strip();
    assertTrue(
        summary.matches(
            "image "
                + java.util.regex.Pattern.quote(out.toString())
                + ": written, 5 layers, [0-9.]+ [KMG]iB, digest sha256:[0-9a-f]{64}, time=[0-9.]+s"),
        summary);
    assertTrue(
        summary.contains("digest " + image.manifestDigest()),
        summary + " vs " + image.manifestDigest());
    assertTrue(
        result.stderr().contains("package: sluice-jobs:cli -> "),
        () -> Podman.tail(result.stderr()));

    String revision = image.labels().get(ImageBuilder.LABEL_REVISION);
    Optional<String> head = git("rev-parse", "HEAD");
    if (head.isPresent()) {
      // -dirty when tracked files have uncommitted changes, as while developing.
      assertTrue(
          revision.equals(head.get()) || revision.equals(head.get() + "-dirty"),
          revision + " vs HEAD " + head.get());
      if (git("status", "--porcelain", "--untracked-files=no").orElse("x").isEmpty()) {
        assertEquals(head.get(), revision, "a clean checkout is labelled with HEAD itself");
      }
    } else {
      assertEquals(
          "unknown", revision, "outside a git checkout the revision is documented as unknown");
    }
    assertEquals(
        JobRegistry.load().all().stream()
            .map(j -> j.name())
            .sorted()
            .collect(Collectors.joining(",")),
        image.labels().get(ImageBuilder.LABEL_JOBS));
    assertEquals(String.join(",", TestImages.JOBS), image.labels().get(ImageBuilder.LABEL_JOBS));
    // Same build inputs as the default image: every layer is the same blob, only the config
    // (labels) differs.
    ImageDescription reference = ImageArchive.read(TestImages.defaultImage());
    assertEquals(reference.layers(), image.layers());
  }

  /** git in this checkout: its trimmed output, or empty when git or the checkout is missing. */
  private static Optional<String> git(String... args) throws InterruptedException {
    List<String> command = new ArrayList<>(List.of("git", "-C", TestImages.repoRoot().toString()));
    command.addAll(List.of(args));
    try {
      Process p =
          new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
      String text =
          new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
              .strip();
      return p.waitFor() == 0 ? Optional.of(text) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  @Test
  void missingBaseImageTarIsBadInput() {
    BadImageInputException e =
        assertThrows(
            BadImageInputException.class,
            () -> BaseImage.parse(tmp.resolve("no-such-base.tar").toString()));
    assertTrue(
        e.getMessage().contains("no-such-base.tar") && e.getMessage().contains("does not exist"),
        e.getMessage());
  }

  @Test
  void invalidImageReferenceExitsWithCode2AndOneLine() {
    StringWriter err = new StringWriter();
    var cli = SluiceCli.commandLine(JobRegistry.load());
    cli.setErr(new PrintWriter(err));
    int code =
        cli.execute(
            "package", "--image", "Sluice Jobs:1", "--out", tmp.resolve("x.tar").toString());
    assertEquals(2, code);
    String message = err.toString().strip();
    assertEquals(1, message.lines().count(), message);
    assertTrue(message.contains("--image 'Sluice Jobs:1' is not a valid image reference"), message);
    assertTrue(Files.notExists(tmp.resolve("x.tar")));
  }

  @Test
  void missingBaseTarThroughTheCliExitsWithCode2() {
    StringWriter err = new StringWriter();
    var cli = SluiceCli.commandLine(JobRegistry.load());
    cli.setErr(new PrintWriter(err));
    int code =
        cli.execute(
            "package",
            "--image",
            "sluice-jobs:1",
            "--base",
            tmp.resolve("gone.tar").toString(),
            "--out",
            tmp.resolve("x.tar").toString());
    assertEquals(2, code, err.toString());
    assertTrue(
        err.toString().contains("base image tar") && err.toString().contains("gone.tar"),
        err.toString());
  }

  @Test
  void inspectPrintsLayersDigestEntrypointEnvAndLabels() throws IOException {
    StringWriter out = new StringWriter();
    var cli = SluiceCli.commandLine(JobRegistry.load());
    cli.setOut(new PrintWriter(out));
    assertEquals(0, cli.execute("image", "inspect", TestImages.defaultImage().toString()));
    String text = out.toString();
    for (String expected :
        List.of(
            "digest:      sha256:",
            "application",
            "spark-hadoop",
            "entrypoint:",
            "JAVA_HOME=/opt/java",
            ImageBuilder.LABEL_JOBS + "=" + String.join(",", TestImages.JOBS))) {
      assertTrue(text.contains(expected), () -> "missing '" + expected + "' in\n" + text);
    }
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path p : files.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }
}
