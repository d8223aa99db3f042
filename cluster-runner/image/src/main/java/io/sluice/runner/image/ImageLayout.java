package io.sluice.runner.image;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where things live inside the image, and which layer each classpath entry belongs to. Layers are
 * ordered from the least to the most often changed, so a job change rebuilds only the last one.
 */
public final class ImageLayout {

  public static final String JAVA_HOME = "/opt/java";
  public static final String SLUICE_HOME = "/opt/sluice";
  public static final String WORK_DIR = SLUICE_HOME + "/work";

  /** The argument file ({@code java @file}) with the JVM flags and the classpath. */
  public static final String JVM_ARGS_FILE = SLUICE_HOME + "/jvm.args";

  /** Spark's images run as uid 185; so do ours. */
  public static final String USER = "185";

  public static final String LAYER_SPARK_HADOOP = "spark-hadoop";
  public static final String LAYER_DEPENDENCIES = "dependencies";
  public static final String LAYER_APPLICATION = "application";

  /**
   * Users' jars ({@code sluice package --jar}): in the application layer, not on the JVM classpath;
   * the image's {@code SLUICE_JARS} names them, so the CLI in the container loads them child-first
   * as it does outside.
   */
  public static final String USER_JARS_DIR = SLUICE_HOME + "/app/user";

  /** The variable that names users' jars to the CLI (its {@code --jar} option reads it too). */
  public static final String USER_JARS_ENV = "SLUICE_JARS";

  /**
   * Sluice's jobs jar in the image: ImageLayout drops the version from Sluice's jar names, so the
   * driver pod finds it here (the Spark application jar of manifests).
   */
  public static final String APP_JAR_PATH = SLUICE_HOME + "/app/sluice-jobs.jar";

  /**
   * The image's main class: the CLI's entrypoint (driver, executor or any sluice command). Named,
   * not referenced, because an image holds a whole runner build and this library is below the CLI.
   */
  public static final String ENTRYPOINT_CLASS = "io.sluice.runner.image.ContainerEntrypoint";

  /**
   * Maven group paths of the engine runtime (Spark, Hadoop, Scala): its own layer, rarely changed.
   */
  private static final List<String> ENGINE_GROUPS =
      List.of(
          "/org/apache/spark/",
          "/org/apache/hadoop/",
          "/org/scala-lang/",
          "/org/scala-lang/modules/");

  /** One file or directory placed in the image; {@code onClasspath} is false for users' jars. */
  public record Entry(Path source, String layer, String containerPath, boolean onClasspath) {
    public Entry(Path source, String layer, String containerPath) {
      this(source, layer, containerPath, true);
    }
  }

  private final List<Entry> entries;

  private ImageLayout(List<Entry> entries) {
    this.entries = List.copyOf(entries);
  }

  /** Where a user's jar is in the image: {@value #USER_JARS_DIR}/its file name. */
  public static String userJarPath(Path jar) {
    return USER_JARS_DIR + "/" + jar.getFileName();
  }

  /**
   * The jars of {@code jars} an image of {@code classpath} does not hold already: a jar is held
   * when a classpath entry has its file name and its bytes (a library the user passed that Sluice
   * ships too).
   */
  public static List<Path> missingFrom(List<Path> jars, List<Path> classpath) {
    List<Path> missing = new ArrayList<>();
    for (Path jar : jars) {
      boolean held =
          classpath.stream()
              .anyMatch(
                  entry ->
                      entry.getFileName() != null
                          && entry.getFileName().equals(jar.getFileName())
                          && sameBytes(entry, jar));
      if (!held) {
        missing.add(jar);
      }
    }
    return missing;
  }

  /** This JVM's classpath entries (what {@code bin/sluice} runs with: the image's classpath). */
  public static List<Path> jvmClasspath() {
    List<Path> entries = new ArrayList<>();
    for (String e : System.getProperty("java.class.path", "").split(java.io.File.pathSeparator)) {
      if (!e.isBlank()) {
        entries.add(Path.of(e));
      }
    }
    return entries;
  }

  private static boolean sameBytes(Path a, Path b) {
    try {
      return Files.isRegularFile(a) && Files.size(a) == Files.size(b) && Files.mismatch(a, b) == -1;
    } catch (java.io.IOException e) {
      return false;
    }
  }

  /** A classpath and users' jars ({@link #userJarPath}, application layer, off the classpath). */
  public static ImageLayout of(List<Path> classpath, List<Path> userJars) {
    List<Entry> entries = new ArrayList<>(of(classpath).entries);
    Set<String> used = new HashSet<>();
    for (Path jar : userJars) {
      String path = userJarPath(jar);
      if (!used.add(path)) {
        throw new BadImageInputException(
            "two --jar files are named "
                + jar.getFileName()
                + ": they would be one file in "
                + USER_JARS_DIR
                + "; rename one");
      }
      entries.add(new Entry(jar, LAYER_APPLICATION, path, false));
    }
    return new ImageLayout(entries);
  }

  /**
   * Lays out a classpath; order is kept, so the image's classpath resolves exactly like the host's.
   */
  public static ImageLayout of(List<Path> classpath) {
    List<Entry> entries = new ArrayList<>();
    Set<String> used = new HashSet<>();
    for (Path p : classpath) {
      String layer = layerOf(p);
      String dir =
          switch (layer) {
            case LAYER_SPARK_HADOOP -> SLUICE_HOME + "/lib/spark";
            case LAYER_DEPENDENCIES -> SLUICE_HOME + "/lib/deps";
            default -> SLUICE_HOME + "/app";
          };
      String name = Files.isDirectory(p) ? moduleName(p) : p.getFileName().toString();
      // Sluice's own jars lose their version, so manifests can name them
      // (local:///opt/sluice/app/sluice-jobs.jar).
      name = name.replaceFirst("^(sluice-[a-z-]+?)-\\d[^/]*\\.jar$", "$1.jar");
      String path = dir + "/" + name;
      for (int i = 2; !used.add(path); i++) {
        path = dir + "/" + i + "-" + name; // two jars of the same file name from different groups
      }
      entries.add(new Entry(p, layer, path));
    }
    return new ImageLayout(entries);
  }

  /**
   * Sluice's own code (class directories of a source build, sluice jars) is the application;
   * Spark/Hadoop/Scala jars the engine layer; everything else third-party dependencies.
   */
  static String layerOf(Path entry) {
    String path = entry.toAbsolutePath().toString().replace('\\', '/');
    String name = entry.getFileName().toString();
    if (Files.isDirectory(entry) || name.startsWith("sluice-") || path.contains("/io/sluice/")) {
      return LAYER_APPLICATION;
    }
    return ENGINE_GROUPS.stream().anyMatch(path::contains)
        ? LAYER_SPARK_HADOOP
        : LAYER_DEPENDENCIES;
  }

  /** {@code .../cluster-runner/cli/target/classes} -> {@code cli-classes}. */
  private static String moduleName(Path classesDir) {
    Path target = classesDir.getParent();
    Path module = target == null ? null : target.getParent();
    return (module == null ? "app" : module.getFileName().toString())
        + "-"
        + classesDir.getFileName();
  }

  public List<Entry> entries() {
    return entries;
  }

  public Map<String, List<Entry>> byLayer() {
    Map<String, List<Entry>> layers = new LinkedHashMap<>();
    for (String layer : List.of(LAYER_SPARK_HADOOP, LAYER_DEPENDENCIES, LAYER_APPLICATION)) {
      layers.put(layer, entries.stream().filter(e -> e.layer().equals(layer)).toList());
    }
    return layers;
  }

  /** The image's classpath, in the host classpath's order. */
  public String containerClasspath() {
    return String.join(
        ":", entries.stream().filter(Entry::onClasspath).map(Entry::containerPath).toList());
  }

  /**
   * The users' jars in the image, colon-separated as {@code SLUICE_JARS} wants them; empty if none.
   */
  public String userJars() {
    return String.join(
        ":", entries.stream().filter(e -> !e.onClasspath()).map(Entry::containerPath).toList());
  }
}
