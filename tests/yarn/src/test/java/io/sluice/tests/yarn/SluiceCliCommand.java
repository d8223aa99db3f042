package io.sluice.tests.yarn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/** The CLI as bin/sluice starts it: cluster-runner's classes and runtime classpath, the build's JVM flags. */
final class SluiceCliCommand {

  private SluiceCliCommand() {}

  static List<String> of(File basedir, String... args) throws IOException {
    File root = new File(basedir, "../..").getCanonicalFile();
    Path classes = root.toPath().resolve("cluster-runner/cli/target/classes");
    Path cpFile = root.toPath().resolve("cluster-runner/cli/target/runtime-classpath.txt");
    assertTrue(Files.isRegularFile(cpFile), "build the CLI first (mvn -DskipTests install -pl cluster-runner/cli -am): "
        + cpFile);
    Path appJar;
    try (Stream<Path> jars = Files.list(root.toPath().resolve("jobs/target"))) {
      appJar = jars.filter(p -> p.getFileName().toString().matches("sluice-jobs-.*-app\\.jar")).findFirst()
          .orElseThrow(() -> new AssertionError("jobs/target has no -app.jar: build the jobs module"));
    }
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx512m");
    command.addAll(Arrays.asList(System.getProperty("sluice.jvm.opens", "").trim().split("\\s+")));
    command.add("-Dsluice.jobs.app.jar=" + appJar);
    command.add("-cp");
    command.add(classes + File.pathSeparator + Files.readString(cpFile, StandardCharsets.UTF_8).trim());
    command.add("io.sluice.runner.SluiceCli");
    command.addAll(Arrays.asList(args));
    return command;
  }
}
