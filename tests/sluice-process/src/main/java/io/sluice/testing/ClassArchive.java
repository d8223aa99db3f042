package io.sluice.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;

/**
 * The CLI's class-data sharing archive ({@code target/sluice-cli.jsa}, written at package by {@code
 * bin/build-class-archive}) and the jar it was dumped with. The JVM accepts an archive only for the
 * classpath it was dumped with (jars, no class directories), so a child that maps it runs from the
 * jar: used only when no class under {@code target/classes} is newer than the jar, so a compile
 * without a package never runs stale code.
 *
 * @param jar the CLI's jar
 * @param archive the archive
 */
record ClassArchive(Path jar, Path archive) {

  static final String FILE_NAME = "sluice-cli.jsa";

  /** The archive beside {@code classes} (the CLI's target/classes), or null if none can be used. */
  static ClassArchive beside(Path classes) {
    Path target = classes.toAbsolutePath().getParent();
    Path archive = target.resolve(FILE_NAME);
    if (!Files.isRegularFile(archive)) {
      return null;
    }
    try (Stream<Path> files = Files.list(target)) {
      Path jar =
          files
              .filter(
                  f -> {
                    String name = f.getFileName().toString();
                    return name.startsWith("sluice-cluster-runner-")
                        && name.endsWith(".jar")
                        && !name.endsWith("-tests.jar")
                        && !name.endsWith("-sources.jar");
                  })
              .findFirst()
              .orElse(null);
      if (jar == null || newerThan(classes, Files.getLastModifiedTime(jar))) {
        return null;
      }
      return new ClassArchive(jar, archive);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Maps the archive; the JVM's own CDS messages off, so an archive the JVM refuses (a jar on the
   * classpath rebuilt since) costs only the sharing, never a warning in the output tests read.
   * Mapped at the address it was dumped for, as bin/sluice does (it says why).
   */
  List<String> jvmOptions() {
    return List.of(
        "-XX:SharedArchiveFile=" + archive,
        "-Xlog:cds=off",
        "-Xlog:cds+dynamic=off",
        "-XX:+UnlockDiagnosticVMOptions",
        "-XX:ArchiveRelocationMode=0");
  }

  private static boolean newerThan(Path classes, FileTime time) throws IOException {
    try (Stream<Path> files = Files.walk(classes)) {
      return files.anyMatch(
          f -> {
            try {
              return Files.isRegularFile(f) && Files.getLastModifiedTime(f).compareTo(time) > 0;
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          });
    }
  }
}
