package io.sluice.runner.image;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What goes into an image: the CLI's own build output (cluster-runner/cli) ({@code target/classes},
 * {@code target/runtime-classpath.txt}, {@code target/sluice.jvmopts}), the same files {@code
 * bin/sluice} runs from.
 */
public record RunnerBuild(List<Path> classpath, List<String> jvmFlags) {

  public RunnerBuild {
    classpath = List.copyOf(classpath);
    jvmFlags = List.copyOf(jvmFlags);
  }

  /** Reads the CLI module's {@code target} directory. */
  public static RunnerBuild fromTarget(Path target) {
    Path classes = target.resolve("classes");
    Path classpathFile = target.resolve("runtime-classpath.txt");
    Path optsFile = target.resolve("sluice.jvmopts");
    for (Path p : List.of(classes, classpathFile, optsFile)) {
      if (!Files.exists(p)) {
        throw new BadImageInputException(
            p
                + " is missing: build the CLI first"
                + " (mvn -DskipTests install -pl cluster-runner/cli -am)");
      }
    }
    try {
      List<Path> entries = new ArrayList<>();
      entries.add(classes);
      for (String e : Files.readString(classpathFile).strip().split(":")) {
        if (!e.isBlank()) {
          Path p = Path.of(e);
          if (!Files.exists(p)) {
            throw new BadImageInputException(
                "classpath entry "
                    + p
                    + " (from "
                    + classpathFile
                    + ") does not exist: rebuild the CLI (mvn -DskipTests install -pl cluster-runner/cli -am)");
          }
          entries.add(p);
        }
      }
      List<String> flags =
          Arrays.stream(Files.readString(optsFile).strip().split("\\s+"))
              .filter(s -> !s.isBlank())
              .toList();
      return new RunnerBuild(entries, flags);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The build {@code runner} (a CLI class) runs from: the {@code target} directory holding its
   * classes, or its jar (bin/sluice runs the CLI's jar where the class-data sharing archive is
   * used).
   */
  public static RunnerBuild current(Class<?> runner) {
    try {
      Path classes = Path.of(runner.getProtectionDomain().getCodeSource().getLocation().toURI());
      if (Files.isRegularFile(classes)
          && Files.isRegularFile(classes.resolveSibling("runtime-classpath.txt"))) {
        return fromTarget(classes.getParent());
      }
      if (!Files.isDirectory(classes)) {
        throw new BadImageInputException(
            "sluice package runs from a source build (bin/sluice);"
                + " this process runs from "
                + classes);
      }
      return fromTarget(classes.getParent());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
