package io.sluice.tests.containers;

import io.sluice.runner.image.RunnerBuild;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The sluice CLI run as a user runs it: a JVM of its own from cluster-runner's build output (its
 * classes, runtime classpath and JVM flags, the files {@code bin/sluice} uses), so commands that need
 * a source build ({@code sluice package}) see one.
 */
final class SluiceCliProcess {

  record Result(int exitCode, String stdout, String stderr) {}

  private SluiceCliProcess() {}

  static Result run(Path workDir, long timeoutSeconds, String... args) throws IOException, InterruptedException {
    return run(workDir, Map.of(), timeoutSeconds, args);
  }

  /** With environment changes: a null value removes the variable from the inherited environment. */
  static Result run(Path workDir, Map<String, String> env, long timeoutSeconds, String... args)
      throws IOException, InterruptedException {
    RunnerBuild build = TestImages.runnerBuild();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx1g");
    command.addAll(build.jvmFlags());
    command.add("-cp");
    command.add(build.classpath().stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator)));
    command.add("io.sluice.runner.SluiceCli");
    command.addAll(List.of(args));
    Path out = Files.createTempFile(workDir, "cli", ".out");
    Path err = Files.createTempFile(workDir, "cli", ".err");
    ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
        .redirectOutput(out.toFile()).redirectError(err.toFile());
    env.forEach((k, v) -> {
      if (v == null) {
        builder.environment().remove(k);
      } else {
        builder.environment().put(k, v);
      }
    });
    Process process = builder.start();
    if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      throw new AssertionError("sluice " + String.join(" ", args) + " timed out after " + timeoutSeconds + "s:\n"
          + Podman.tail(Files.readString(err)));
    }
    return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }
}
