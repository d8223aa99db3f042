package io.sluice.tests.containers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.jobs.userjar.UserJobJar;
import io.sluice.runner.image.ImageArchive;
import io.sluice.runner.image.ImageBuilder;
import io.sluice.runner.image.ImageDescription;
import io.sluice.runner.image.ImageLayout;
import io.sluice.testing.SluiceProcess;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sluice package --jar}: the user's jars (and a library the image lacks) go into the
 * application layer only, a library the image holds is left out, the jobs label names the user's
 * job, a change to the user's code changes the application layer alone, and the image runs the
 * user's job.
 */
class UserJarImageIT {

  private static final String IMAGE = "sluice-jobs:user-jar";

  @TempDir static Path tmp;

  private static Path jobsJar;
  private static Path libJar;
  private static Path heldLib;
  private static Path image;
  private static SluiceProcess.Result packaged;

  @BeforeAll
  static void packageTheUsersJobs() throws Exception {
    jobsJar =
        UserJobJar.letters("letters", "LetterCountJob").build(tmp.resolve("v1/letter-jobs.jar"));
    libJar =
        UserJobJar.jar(
            tmp.resolve("libs/tree-names-1.0.jar"),
            Map.of(
                "com.example.trees.Names",
                "package com.example.trees; public class Names { public static String oak() { return \"oak\"; } }"),
            Map.of());
    // A library the image already ships (SnakeYAML, on the CLI's classpath), passed again as the
    // user's own copy.
    Path snakeyaml =
        TestImages.runnerBuild().classpath().stream()
            .filter(p -> p.getFileName().toString().startsWith("snakeyaml-"))
            .findFirst()
            .orElseThrow();
    heldLib =
        Files.copy(
            snakeyaml,
            Files.createDirectories(tmp.resolve("held")).resolve(snakeyaml.getFileName()));
    image = tmp.resolve("user.tar");
    packaged = pack(jobsJar, image);
    assertEquals(0, packaged.exitCode(), () -> packaged.stdout() + Podman.tail(packaged.stderr()));
  }

  @AfterAll
  static void removeStoredImage() {
    Podman.cleanUp("rmi", "--force", "localhost/" + IMAGE);
  }

  private static SluiceProcess.Result pack(Path jobs, Path out) throws Exception {
    return TestImages.packageCommand(
            "--jar",
            jobs.toString(),
            "--jar",
            libJar.toString(),
            "--image",
            IMAGE,
            "--out",
            out.toString(),
            "--cache-dir",
            TestImages.cacheDir().toString())
        .workDir(tmp)
        .env(Map.of("SLUICE_JARS", heldLib.toString()))
        .timeoutSeconds(600)
        .run();
  }

  @Test
  void theUsersJarsAreInTheApplicationLayerOnly() throws IOException {
    ImageDescription described = ImageArchive.read(image);
    Map<String, Map<String, byte[]>> layers = layerFiles(image, described);
    Map<String, byte[]> application = layers.get(ImageLayout.LAYER_APPLICATION);
    assertArrayEquals(
        Files.readAllBytes(jobsJar), application.get("opt/sluice/app/user/letter-jobs.jar"));
    assertArrayEquals(
        Files.readAllBytes(libJar), application.get("opt/sluice/app/user/tree-names-1.0.jar"));
    assertTrue(
        application.keySet().stream().noneMatch(n -> n.contains("snakeyaml")),
        "a library the image holds is not added again: " + application.keySet());
    layers.forEach(
        (layer, files) -> {
          if (!layer.equals(ImageLayout.LAYER_APPLICATION)) {
            assertTrue(
                files.keySet().stream().noneMatch(n -> n.contains("/app/user/")),
                layer + " holds a user's jar");
          }
        });
    // SLUICE_JARS in the image names them (the CLI there loads them); the JVM classpath does not.
    assertTrue(
        described
            .env()
            .contains(
                "SLUICE_JARS=/opt/sluice/app/user/letter-jobs.jar:"
                    + "/opt/sluice/app/user/tree-names-1.0.jar"),
        described.env().toString());
    assertTrue(
        !new String(application.get(ImageLayout.JVM_ARGS_FILE.substring(1)))
            .contains("/app/user/"));
    List<String> jobs = new ArrayList<>(TestImages.JOBS);
    jobs.add("letters");
    assertEquals(
        String.join(",", jobs.stream().sorted().toList()),
        described.labels().get(ImageBuilder.LABEL_JOBS));
    // The engine, dependency and system layers are those of the image without users' jars.
    ImageDescription plain = ImageArchive.read(TestImages.defaultImage());
    assertEquals(
        plain.layers().subList(0, plain.layers().size() - 1),
        described.layers().subList(0, described.layers().size() - 1));
  }

  @Test
  void aChangeToTheUsersCodeChangesOnlyTheApplicationLayer() throws Exception {
    Path changed =
        UserJobJar.letters("letters", "LetterCountJob")
            .describedAs("Count first letters, version 2")
            .build(tmp.resolve("v2/letter-jobs.jar"));
    assertNotEquals(-1, Files.mismatch(jobsJar, changed));
    Path second = tmp.resolve("user-v2.tar");
    SluiceProcess.Result r = pack(changed, second);
    assertEquals(0, r.exitCode(), () -> r.stdout() + Podman.tail(r.stderr()));
    ImageDescription before = ImageArchive.read(image);
    ImageDescription after = ImageArchive.read(second);
    for (int i = 0; i < before.layers().size() - 1; i++) {
      assertEquals(
          before.layers().get(i),
          after.layers().get(i),
          "layer " + before.layers().get(i).name() + " changed");
    }
    assertNotEquals(
        before.layer(ImageLayout.LAYER_APPLICATION).digest(),
        after.layer(ImageLayout.LAYER_APPLICATION).digest());
  }

  @Test
  void theImageRunsTheUsersJob() throws IOException {
    Podman.assumeAvailable();
    List<String> lines = List.of("Oak and Ash", "", "birch beside alder");
    Path in = Files.createDirectories(tmp.resolve("run/in"));
    Files.write(in.resolve("trees.txt"), lines);
    Path out = TestImages.worldWritable(tmp.resolve("run/out"));
    Podman.Result listed =
        ContainerRun.of(image).run(Duration.ofMinutes(5)).assertOk("podman run (jobs)");
    assertTrue(
        listed
            .output()
            .lines()
            .anyMatch(
                l ->
                    l.startsWith("letters ")
                        && l.endsWith(" /opt/sluice/app/user/letter-jobs.jar")),
        Podman.tail(listed.output()));
    Podman.Result run =
        ContainerRun.of(image)
            .data(in, out)
            .runJob(Duration.ofMinutes(10), "letters", "mapreduce", "in/trees.txt", "letters")
            .assertOk("podman run letters");
    assertTrue(
        run.output().contains("letters [mapreduce] done: read=3 accepted=2 rejected=1"),
        Podman.tail(run.output()));
    assertEquals(UserJobJar.expectedLetters(lines), UserJobJar.readLetters(out.resolve("letters")));
  }

  /**
   * What `sluice k8s manifests --jar` writes for the user's job, played by the image's `driver`
   * entrypoint as Spark's Kubernetes driver pod would (with a local master: there is no cluster):
   * the SparkApplication's mainApplicationFile, deps.jars and arguments name jars inside the image,
   * and SparkJobMain finds the job.
   */
  @Test
  @SuppressWarnings("unchecked")
  void theManifestsJarsInTheImageRunTheUsersJobInDriverMode() throws IOException {
    Podman.assumeAvailable();
    Path manifests = tmp.resolve("k8s");
    java.io.StringWriter out = new java.io.StringWriter();
    java.io.StringWriter err = new java.io.StringWriter();
    int code =
        io.sluice.runner.SluiceCli.execute(
            new String[] {
              "k8s",
              "manifests",
              "--jar",
              jobsJar.toString(),
              "--jar",
              libJar.toString(),
              "letters",
              "--image",
              IMAGE,
              "--input",
              "/data/in/trees.txt",
              "--output",
              "/data/out/letters",
              "--out",
              manifests.toString()
            },
            Map.of(),
            new java.io.PrintWriter(out, true),
            new java.io.PrintWriter(err, true));
    assertEquals(0, code, out + "\n" + err);
    Map<String, Object> app =
        new org.yaml.snakeyaml.Yaml()
            .load(Files.readString(manifests.resolve("sluice-letters-sparkapplication.yaml")));
    Map<String, Object> spec = (Map<String, Object>) app.get("spec");
    assertEquals("local:///opt/sluice/app/user/letter-jobs.jar", spec.get("mainApplicationFile"));
    List<String> deps = (List<String>) ((Map<String, Object>) spec.get("deps")).get("jars");
    assertEquals(
        List.of(
            "local:///opt/sluice/app/sluice-jobs.jar",
            "local:///opt/sluice/app/user/tree-names-1.0.jar"),
        deps);

    List<String> lines = List.of("maple Mulberry", "", "Oak");
    Path in = Files.createDirectories(tmp.resolve("driver/in"));
    Files.write(in.resolve("trees.txt"), lines);
    Path data = TestImages.worldWritable(tmp.resolve("driver/out"));
    List<String> submitArgs =
        new ArrayList<>(
            List.of(
                "--class",
                (String) spec.get("mainClass"),
                "--jars",
                String.join(",", deps),
                (String) spec.get("mainApplicationFile")));
    submitArgs.addAll((List<String>) spec.get("arguments"));
    Podman.Result run =
        ContainerRun.of(image)
            .data(in, data)
            .localDriver(Duration.ofMinutes(10), submitArgs)
            .assertOk("podman driver");
    assertTrue(
        run.output().contains("letters [spark] done: read=3 accepted=2 rejected=1"),
        Podman.tail(run.output()));
    assertEquals(
        UserJobJar.expectedLetters(lines), UserJobJar.readLetters(data.resolve("letters")));
  }

  /**
   * Each layer's regular files (path without the leading '/', bytes), read from the OCI tar's
   * blobs.
   */
  private static Map<String, Map<String, byte[]>> layerFiles(Path tar, ImageDescription described)
      throws IOException {
    Map<String, byte[]> blobs = new LinkedHashMap<>();
    try (InputStream in = new BufferedInputStream(Files.newInputStream(tar));
        TarArchiveInputStream entries = new TarArchiveInputStream(in)) {
      TarArchiveEntry e;
      while ((e = entries.getNextEntry()) != null) {
        String name = e.getName().replaceFirst("^\\./", "");
        for (ImageDescription.Layer layer : described.layers()) {
          if (name.equals("blobs/" + layer.digest().replace(':', '/'))) {
            blobs.put(layer.name(), entries.readAllBytes());
          }
        }
      }
    }
    Map<String, Map<String, byte[]>> layers = new LinkedHashMap<>();
    for (Map.Entry<String, byte[]> blob : blobs.entrySet()) {
      Map<String, byte[]> files = new LinkedHashMap<>();
      try (TarArchiveInputStream layer =
          new TarArchiveInputStream(
              new GZIPInputStream(new java.io.ByteArrayInputStream(blob.getValue())))) {
        TarArchiveEntry e;
        while ((e = layer.getNextEntry()) != null) {
          if (e.isFile()) {
            files.put(e.getName().replaceFirst("^/", ""), layer.readAllBytes());
          }
        }
      }
      layers.put(blob.getKey(), files);
    }
    assertEquals(described.layers().size(), layers.size(), "every layer's blob read");
    return layers;
  }
}
