package io.sluice.runner;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.testing.SluiceProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code sluice ARGS} in a JVM of its own ({@link SluiceProcess}), as a user runs it: for what a
 * test cannot do in-process (environment variables, the process's own sockets). Launches java
 * directly rather than bin/sluice: during {@code mvn test} the launcher's runtime-classpath.txt
 * (written at package time) may be missing or stale, and bin/sluice would then start a nested
 * build. The JVM flags are bin/sluice's own argument file; the classpath is this test's.
 */
public final class CliChild {

  private CliChild() {}

  /**
   * The CLI module's directory (the child's working directory unless the test sets another): these
   * tests run in cluster-runner/cli-tests, whose build names the CLI's directory.
   */
  public static Path basedir() {
    return Path.of(System.getProperty("sluice.cli.dir", System.getProperty("user.dir")));
  }

  public static SluiceProcess.Builder sluice(String... args) {
    Path jvmOpts = basedir().resolve("target/sluice.jvmopts");
    assertTrue(
        Files.isRegularFile(jvmOpts), "missing " + jvmOpts + " (written by process-resources)");
    List<String> javaArgs =
        new ArrayList<>(
            List.of(
                "@" + jvmOpts,
                "-cp",
                System.getProperty(
                    "surefire.test.class.path", System.getProperty("java.class.path")),
                SluiceCli.class.getName()));
    javaArgs.addAll(List.of(args));
    return SluiceProcess.java(javaArgs.toArray(String[]::new)).workDir(basedir());
  }
}
