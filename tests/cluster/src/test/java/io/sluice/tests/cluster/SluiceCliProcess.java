package io.sluice.tests.cluster;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The sluice CLI run as a user runs it: a JVM of its own (a "new shell" every time) with the
 * classpath and flags {@code bin/sluice} uses, i.e. cluster-runner's classes plus its runtime classpath.
 */
final class SluiceCliProcess {

  record Result(int exitCode, String stdout, String stderr) {
    String all() {
      return stdout + stderr;
    }
  }

  private SluiceCliProcess() {}

  static List<String> command(String... args) throws IOException {
    Path classes = Path.of(required("sluice.runner.classes"));
    Path cpFile = Path.of(required("sluice.runtime.classpath.file"));
    if (!Files.isDirectory(classes) || !Files.isRegularFile(cpFile)) {
      throw new IllegalStateException("build the CLI first: mvn -DskipTests install -pl cluster-runner/cli -am ("
          + classes + ", " + cpFile + ")");
    }
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx512m");
    command.add("-XX:TieredStopAtLevel=1");
    command.addAll(Arrays.asList(required("sluice.jvm.opens").trim().split("\\s+")));
    command.add("-Dsluice.jobs.app.jar=" + required("sluice.jobs.app.jar"));
    command.add("-cp");
    command.add(classes + File.pathSeparator + Files.readString(cpFile, StandardCharsets.UTF_8).trim());
    command.add("io.sluice.runner.SluiceCli");
    command.addAll(Arrays.asList(args));
    return command;
  }

  static Result run(Path workDir, long timeoutSeconds, String... args) throws IOException, InterruptedException {
    Path out = Files.createTempFile(workDir, "cli", ".out");
    Path err = Files.createTempFile(workDir, "cli", ".err");
    Process process = start(workDir, out, err, args);
    if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      throw new AssertionError("sluice " + String.join(" ", args) + " timed out after " + timeoutSeconds + "s:\n"
          + Files.readString(err));
    }
    return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  static Process start(Path workDir, Path out, Path err, String... args) throws IOException {
    ProcessBuilder builder = new ProcessBuilder(command(args)).directory(workDir.toFile())
        .redirectOutput(out.toFile()).redirectError(err.toFile());
    builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    return builder.start();
  }

  private static String required(String property) {
    String value = System.getProperty(property);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException("system property " + property + " is not set (run through Maven failsafe)");
    }
    return value;
  }
}
