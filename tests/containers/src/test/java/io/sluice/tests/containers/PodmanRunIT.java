package io.sluice.tests.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.runner.submit.AppJar;
import io.sluice.runner.submit.SparkSubmission;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built image really runs: podman runs it straight from the OCI tar, with bind-mounted data.
 */
class PodmanRunIT {

  @TempDir static Path tmp;

  @BeforeAll
  static void podman() {
    Podman.assumeAvailable();
  }

  /**
   * `podman run oci-archive:` stores the image under its name; leave podman's storage as it was.
   */
  @AfterAll
  static void removeStoredImage() {
    Podman.cleanUp("rmi", "--force", "localhost/sluice-jobs:it");
  }

  /** The sample text mounted read-only at /data/in/notes.txt, and a world-writable /data/out. */
  private record Mounts(Path input, Path in, Path out) {
    static Mounts under(Path dir) throws IOException {
      Path input = TestImages.repoRoot().resolve("sample-data/text/river-notes.txt");
      Path in = Files.createDirectories(dir.resolve("in"));
      Files.copy(input, in.resolve("notes.txt"));
      return new Mounts(input, in, TestImages.worldWritable(dir.resolve("out")));
    }

    String[] volumes() {
      return new String[] {"-v", in + ":/data/in:ro", "-v", out + ":/data/out"};
    }

    void assertWordCounts(Podman.Result run) throws IOException {
      assertTrue(
          run.output().contains("wordcount [spark] done: read=21 accepted=21 rejected=0"),
          Podman.tail(run.output()));
      assertTrue(Files.exists(out.resolve("wc/_SUCCESS")));
      assertEquals(
          TestImages.expectedWordCounts(input), TestImages.readWordCounts(out.resolve("wc")));
    }
  }

  @Test
  void runsWordcountFromTheOciArchiveOnABindMountedInput() throws IOException {
    Mounts m = Mounts.under(tmp.resolve("run"));
    Podman.Result run =
        Podman.run(
                Duration.ofMinutes(10),
                concat(
                    new String[] {"run", "--rm"},
                    m.volumes(),
                    "oci-archive:" + TestImages.defaultImage(),
                    "run",
                    "wordcount",
                    "--input",
                    "/data/in/notes.txt",
                    "--output",
                    "/data/out/wc"))
            .assertOk("podman run wordcount");
    m.assertWordCounts(run);
  }

  /**
   * The entrypoint's `driver` mode, as Spark's Kubernetes driver pod calls it (the operator and
   * `spark-submit --master k8s://` pass --properties-file, --class, the app jar and its arguments):
   * here with a local master, since there is no cluster. SPARK_DRIVER_BIND_ADDRESS is what
   * Kubernetes sets to the pod's IP; spark.driver.host is what the submission client puts in the
   * driver's properties (the driver service's name there; loopback here, where the container's own
   * name does not resolve to the bound address). The jar named is the one the SparkApplication
   * manifest and `sluice submit` use.
   */
  @Test
  void driverModeRunsSparkSubmitWithTheJobsJarInTheImage() throws IOException {
    Mounts m = Mounts.under(tmp.resolve("driver"));
    Podman.Result run =
        Podman.run(
                Duration.ofMinutes(10),
                concat(
                    new String[] {"run", "--rm", "-e", "SPARK_DRIVER_BIND_ADDRESS=127.0.0.1"},
                    m.volumes(),
                    "oci-archive:" + TestImages.defaultImage(),
                    "driver",
                    "--master",
                    "local[1]",
                    "--conf",
                    "spark.ui.enabled=false",
                    "--conf",
                    "spark.driver.host=127.0.0.1",
                    "--class",
                    SparkSubmission.JOB_MAIN,
                    AppJar.IMAGE_APP_JAR,
                    "wordcount",
                    "--input",
                    "/data/in/notes.txt",
                    "--output",
                    "/data/out/wc"))
            .assertOk("podman run driver");
    m.assertWordCounts(run);
  }

  private static String[] concat(String[] head, String[] middle, String... tail) {
    return java.util.stream.Stream.of(head, middle, tail)
        .flatMap(java.util.Arrays::stream)
        .toArray(String[]::new);
  }

  @Test
  void unknownJobInTheContainerExitsWithCode2() throws IOException {
    Podman.Result run =
        Podman.run(
            Duration.ofMinutes(5),
            "run",
            "--rm",
            "oci-archive:" + TestImages.defaultImage(),
            "run",
            "no-such-job");
    assertEquals(2, run.exit(), run.output());
    assertTrue(run.output().contains("no-such-job"), Podman.tail(run.output()));
  }

  @Test
  void executorModeWithoutTheDriverVariablesSaysWhichIsMissing() throws IOException {
    Podman.Result run =
        Podman.run(
            Duration.ofMinutes(5),
            "run",
            "--rm",
            "oci-archive:" + TestImages.defaultImage(),
            "executor");
    assertEquals(2, run.exit(), run.output());
    assertTrue(
        run.output().contains("executor needs SPARK_EXECUTOR_MEMORY"), Podman.tail(run.output()));
  }
}
