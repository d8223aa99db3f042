package io.sluice.runner.cluster;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Spark/Hadoop runtime this CLI was built with, as separate JVMs need it: the jars (without any
 * Sluice classes: jobs travel in their own app jar, like on a real cluster) and the Java 17 flags.
 *
 * <p>The jars come from {@code cluster-runner/cli/target/runtime-classpath.txt} when the system
 * property {@value #CLASSPATH_FILE_PROPERTY} names it (tests do), else from this JVM's classpath,
 * which {@code bin/sluice} builds from that same file.
 */
public record SparkRuntime(List<Path> jars, List<String> jvmFlags, Path javaExecutable) {

  public static final String CLASSPATH_FILE_PROPERTY = "sluice.runtime.classpath.file";
  public static final String JVM_OPENS_PROPERTY = "sluice.jvm.opens";

  public SparkRuntime {
    jars = List.copyOf(jars);
    jvmFlags = List.copyOf(jvmFlags);
  }

  public static SparkRuntime current() {
    String file = System.getProperty(CLASSPATH_FILE_PROPERTY);
    String classpath;
    if (file != null && !file.isBlank()) {
      try {
        classpath = Files.readString(Path.of(file), StandardCharsets.UTF_8).trim();
      } catch (IOException e) {
        throw new UncheckedIOException(
            "cannot read the runtime classpath "
                + file
                + " (build the CLI: mvn -DskipTests install -pl cluster-runner/cli -am)",
            e);
      }
    } else {
      classpath = System.getProperty("java.class.path", "");
    }
    // Keyed by file name: one jars/ directory cannot hold two files of the same name.
    Map<String, Path> jars = new LinkedHashMap<>();
    for (String entry : classpath.split(File.pathSeparator)) {
      Path p = Path.of(entry);
      String name = p.getFileName() == null ? "" : p.getFileName().toString();
      if (name.endsWith(".jar") && !name.startsWith("sluice-") && Files.isRegularFile(p)) {
        jars.putIfAbsent(name, p.toAbsolutePath());
      }
    }
    if (jars.keySet().stream().noneMatch(n -> n.startsWith("spark-core_"))) {
      throw new ClusterFailedException(
          "Spark is not on the runtime classpath ("
              + (file != null ? file : "java.class.path")
              + "); run the CLI through bin/sluice");
    }
    return new SparkRuntime(
        new ArrayList<>(jars.values()),
        currentJvmFlags(),
        Path.of(System.getProperty("java.home"), "bin", "java"));
  }

  /**
   * The --add-opens family Spark needs on Java 17: the build's list if given, else this JVM's own.
   */
  static List<String> currentJvmFlags() {
    String opens = System.getProperty(JVM_OPENS_PROPERTY);
    if (opens != null && !opens.isBlank()) {
      return Arrays.asList(opens.trim().split("\\s+"));
    }
    return ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .filter(
            a ->
                a.startsWith("--add-opens")
                    || a.startsWith("--add-exports")
                    || a.startsWith("--add-modules")
                    || a.equals("-XX:+IgnoreUnrecognizedVMOptions")
                    || a.startsWith("-Djdk.reflect.")
                    || a.startsWith("-Dio.netty."))
        .toList();
  }

  public String sparkVersion() {
    return jars.stream()
        .map(p -> p.getFileName().toString())
        .filter(n -> n.startsWith("spark-core_"))
        .map(n -> n.substring(n.lastIndexOf('-') + 1, n.length() - ".jar".length()))
        .findFirst()
        .orElse("unknown");
  }

  public String classpath() {
    return String.join(File.pathSeparator, jars.stream().map(Path::toString).toList());
  }
}
