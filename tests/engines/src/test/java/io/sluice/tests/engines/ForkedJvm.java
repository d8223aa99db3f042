package io.sluice.tests.engines;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/** Runs a command in a separate process and captures what it printed. */
final class ForkedJvm {

  record Result(int exitCode, String stdout, String stderr) {}

  private ForkedJvm() {}

  /** The engines' runtime classpath: the test classpath without any Sluice classes. */
  static String engineClasspath() {
    String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    return Arrays.stream(cp.split(File.pathSeparator))
        .filter(e -> !e.contains("/sluice-") && !e.endsWith("/classes") && !e.endsWith("/test-classes"))
        .filter(e -> !e.contains("hadoop-client-minicluster") && !e.contains("hadoop-mapreduce-examples"))
        .collect(Collectors.joining(File.pathSeparator));
  }

  /** The flags a Spark/Hadoop JVM needs on Java 17, as the build defines them. */
  static List<String> jvmFlags() {
    return Arrays.asList(System.getProperty("sluice.jvm.opens", "").trim().split("\\s+"));
  }

  static Result run(List<String> command, Path workDir, long timeoutSeconds) throws IOException, InterruptedException {
    Path out = Files.createTempFile("forked", ".out");
    Path err = Files.createTempFile("forked", ".err");
    ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
        .redirectOutput(out.toFile()).redirectError(err.toFile());
    builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    Process process = builder.start();
    if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("timed out after " + timeoutSeconds + "s: " + command + "\n" + Files.readString(err));
    }
    Result result = new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
    Files.deleteIfExists(out);
    Files.deleteIfExists(err);
    return result;
  }

  static List<String> java(String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx1g");
    command.addAll(jvmFlags());
    command.addAll(Arrays.asList(args));
    return command;
  }
}
