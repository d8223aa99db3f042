package io.sluice.tests.containers;

import io.sluice.testing.RunArgs;
import io.sluice.testing.SluiceProcess;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One {@code podman run --rm} of an image archive's stored image ({@link Podman#stored}): bind
 * mounts and environment first, then the entrypoint's arguments.
 */
final class ContainerRun {

  /**
   * The entrypoint's {@code driver} mode as Spark's Kubernetes driver pod calls it, with a local
   * master since there is no cluster. SPARK_DRIVER_BIND_ADDRESS is what Kubernetes sets to the
   * pod's IP; spark.driver.host is what the submission client puts in the driver's properties (the
   * driver service's name there; loopback here, where the container's own name does not resolve to
   * the bound address).
   */
  private static final List<String> LOCAL_DRIVER =
      List.of(
          "driver",
          "--master",
          "local[1]",
          "--conf",
          "spark.ui.enabled=false",
          "--conf",
          "spark.driver.host=127.0.0.1");

  private final List<String> options = new ArrayList<>(List.of("run", "--rm"));
  private final String image;

  private ContainerRun(String image) {
    this.image = image;
  }

  static ContainerRun of(Path archive) throws IOException {
    TestImages.storeSharedLayers();
    ContainerRun run = new ContainerRun(Podman.stored(archive));
    // The suite's test JVM options (C1 alone, the serial collector) for the JVM in the container
    // too, through the variable the image documents for extra JVM flags: Spark's start-up there
    // is mostly JIT work on two busy cores, as in every other JVM the suite starts.
    String testJvm = SluiceProcess.testJvmOptionLine();
    return testJvm.isEmpty() ? run : run.env("JDK_JAVA_OPTIONS", testJvm);
  }

  /** {@code in} mounted read-only at /data/in, {@code out} writable at /data/out. */
  ContainerRun data(Path in, Path out) {
    options.addAll(List.of("-v", in + ":/data/in:ro", "-v", out + ":/data/out"));
    return this;
  }

  ContainerRun env(String name, String value) {
    options.addAll(List.of("-e", name + "=" + value));
    return this;
  }

  Podman.Result run(Duration timeout, String... args) throws IOException {
    return run(timeout, List.of(args));
  }

  Podman.Result run(Duration timeout, List<String> args) throws IOException {
    List<String> command = new ArrayList<>(options);
    command.add(image);
    command.addAll(args);
    return Podman.run(timeout, command.toArray(String[]::new));
  }

  /**
   * The entrypoint's {@code run} of a job on an engine, reading {@code /data/<input>} and writing
   * {@code /data/out/<output>} ({@link #data}).
   */
  Podman.Result runJob(
      Duration timeout, String job, String engine, String input, String output, String... more)
      throws IOException {
    return run(
        timeout, List.of(RunArgs.of(job, engine, "/data/" + input, "/data/out/" + output, more)));
  }

  /** {@link #LOCAL_DRIVER} mode; {@code submitArgs} from {@code --class} on. */
  Podman.Result localDriver(Duration timeout, List<String> submitArgs) throws IOException {
    env("SPARK_DRIVER_BIND_ADDRESS", "127.0.0.1");
    List<String> args = new ArrayList<>(LOCAL_DRIVER);
    args.addAll(submitArgs);
    return run(timeout, args);
  }
}
