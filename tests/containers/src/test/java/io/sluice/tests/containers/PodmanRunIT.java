package io.sluice.tests.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.runner.submit.AppJar;
import io.sluice.runner.submit.SparkSubmission;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built image really runs: podman runs the OCI tar's image (stored once, {@link
 * Podman#stored}), with bind-mounted data.
 */
class PodmanRunIT {

  @TempDir static Path tmp;

  @BeforeAll
  static void podman() {
    Podman.assumeAvailable();
  }

  /** The sample text mounted read-only at /data/in/notes.txt, and a world-writable /data/out. */
  private record Mounts(Path input, Path in, Path out) {
    static Mounts under(Path dir) throws IOException {
      Path input = TestImages.repoRoot().resolve("sample-data/text/river-notes.txt");
      Path in = Files.createDirectories(dir.resolve("in"));
      Files.copy(input, in.resolve("notes.txt"));
      return new Mounts(input, in, TestImages.worldWritable(dir.resolve("out")));
    }

    ContainerRun container() throws IOException {
      return ContainerRun.of(TestImages.defaultImage()).data(in, out);
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

  private static final List<String> WORDCOUNT =
      List.of("wordcount", "--input", "/data/in/notes.txt", "--output", "/data/out/wc");

  @Test
  void runsWordcountFromTheOciArchiveOnABindMountedInput() throws IOException {
    Mounts m = Mounts.under(tmp.resolve("run"));
    List<String> args = new ArrayList<>(List.of("run"));
    args.addAll(WORDCOUNT);
    m.assertWordCounts(
        m.container().run(Duration.ofMinutes(10), args).assertOk("podman run wordcount"));
  }

  /**
   * The entrypoint's `driver` mode ({@link ContainerRun#localDriver}): the operator and
   * `spark-submit --master k8s://` pass --properties-file, --class, the app jar and its arguments.
   * The jar named is the one the SparkApplication manifest and `sluice submit` use.
   */
  @Test
  void driverModeRunsSparkSubmitWithTheJobsJarInTheImage() throws IOException {
    Mounts m = Mounts.under(tmp.resolve("driver"));
    List<String> args =
        new ArrayList<>(List.of("--class", SparkSubmission.JOB_MAIN, AppJar.IMAGE_APP_JAR));
    args.addAll(WORDCOUNT);
    m.assertWordCounts(
        m.container().localDriver(Duration.ofMinutes(10), args).assertOk("podman run driver"));
  }

  @Test
  void unknownJobInTheContainerExitsWithCode2() throws IOException {
    Podman.Result run =
        ContainerRun.of(TestImages.defaultImage()).run(Duration.ofMinutes(5), "run", "no-such-job");
    assertEquals(2, run.exit(), run.output());
    assertTrue(run.output().contains("no-such-job"), Podman.tail(run.output()));
  }

  @Test
  void executorModeWithoutTheDriverVariablesSaysWhichIsMissing() throws IOException {
    Podman.Result run =
        ContainerRun.of(TestImages.defaultImage()).run(Duration.ofMinutes(5), "executor");
    assertEquals(2, run.exit(), run.output());
    assertTrue(
        run.output().contains("executor needs SPARK_EXECUTOR_MEMORY"), Podman.tail(run.output()));
  }
}
