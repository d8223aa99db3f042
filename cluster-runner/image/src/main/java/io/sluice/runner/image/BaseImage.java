package io.sluice.runner.image;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What the image starts from: the project's own jlink-ed runtime (default), an image in a registry,
 * or a Docker-format tar ({@code docker save} / {@code podman save --format docker-archive}).
 */
public sealed interface BaseImage {

  /** Where {@code java} is inside the image. */
  String javaExecutable();

  /**
   * A runtime jlink-ed from the building JDK plus the native libraries it loads, copied from this
   * machine.
   */
  record Jlinked(Path javaHome, List<String> modules) implements BaseImage {
    public Jlinked {
      modules = List.copyOf(modules);
    }

    @Override
    public String javaExecutable() {
      return ImageLayout.JAVA_HOME + "/bin/java";
    }
  }

  /**
   * An image in a registry, e.g. {@code eclipse-temurin:17-jre}; it must have {@code java} on its
   * PATH.
   */
  record Registry(String reference) implements BaseImage {
    @Override
    public String javaExecutable() {
      return "java";
    }
  }

  /** A Docker-format image tar on disk; it must have {@code java} on its PATH. */
  record DockerArchive(Path tar) implements BaseImage {
    @Override
    public String javaExecutable() {
      return "java";
    }
  }

  /**
   * The modules Spark 4, Hadoop 3.4 and the AWS SDK load on Java 17 (jdeps plus their reflective
   * uses).
   */
  List<String> RUNTIME_MODULES =
      List.of(
          "java.base",
          "java.compiler",
          "java.datatransfer",
          "java.desktop",
          "java.instrument",
          "java.logging",
          "java.management",
          "java.management.rmi",
          "java.naming",
          "java.net.http",
          "java.prefs",
          "java.rmi",
          "java.scripting",
          "java.security.jgss",
          "java.security.sasl",
          "java.sql",
          "java.sql.rowset",
          "java.transaction.xa",
          "java.xml",
          "java.xml.crypto",
          "jdk.charsets",
          "jdk.crypto.cryptoki",
          "jdk.crypto.ec",
          "jdk.httpserver",
          "jdk.incubator.vector",
          "jdk.jfr",
          "jdk.localedata",
          "jdk.management",
          "jdk.management.agent",
          "jdk.naming.dns",
          "jdk.net",
          "jdk.security.auth",
          "jdk.security.jgss",
          "jdk.unsupported",
          "jdk.zipfs");

  /** The default base: jlink the JDK this process runs on. */
  static BaseImage jlinkedFromRunningJdk() {
    return new Jlinked(Path.of(System.getProperty("java.home")), RUNTIME_MODULES);
  }

  /**
   * Parses {@code --base}: an existing file or one ending in {@code .tar} is a Docker-format tar
   * (also {@code docker-archive:PATH}); anything else is a registry reference.
   */
  static BaseImage parse(String text) {
    if (text == null || text.isBlank()) {
      return jlinkedFromRunningJdk();
    }
    String value = text.strip();
    if (value.startsWith("docker-archive:")) {
      return archive(Path.of(value.substring("docker-archive:".length())));
    }
    if (value.endsWith(".tar")
        || value.startsWith("/")
        || value.startsWith("./")
        || Files.exists(Path.of(value))) {
      return archive(Path.of(value));
    }
    ImageReferences.parse(value, "--base");
    return new Registry(value);
  }

  private static BaseImage archive(Path tar) {
    if (!Files.isRegularFile(tar)) {
      throw new BadImageInputException(
          "base image tar "
              + tar.toAbsolutePath()
              + " does not exist; give a Docker-format tar (docker save / podman save --format docker-archive)"
              + " or a registry image such as eclipse-temurin:17-jre");
    }
    return new DockerArchive(tar.toAbsolutePath());
  }
}
