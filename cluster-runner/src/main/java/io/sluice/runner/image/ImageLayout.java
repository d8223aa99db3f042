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

  /** Maven group paths of the engine runtime (Spark, Hadoop, Scala): its own layer, rarely changed. */
  private static final List<String> ENGINE_GROUPS = List.of(
      "/org/apache/spark/", "/org/apache/hadoop/", "/org/scala-lang/", "/org/scala-lang/modules/");

  /** One classpath entry placed in the image. */
  public record Entry(Path source, String layer, String containerPath) {}

  private final List<Entry> entries;

  private ImageLayout(List<Entry> entries) {
    this.entries = List.copyOf(entries);
  }

  /** Lays out a classpath; order is kept, so the image's classpath resolves exactly like the host's. */
  public static ImageLayout of(List<Path> classpath) {
    List<Entry> entries = new ArrayList<>();
    Set<String> used = new HashSet<>();
    for (Path p : classpath) {
      String layer = layerOf(p);
      String dir = switch (layer) {
        case LAYER_SPARK_HADOOP -> SLUICE_HOME + "/lib/spark";
        case LAYER_DEPENDENCIES -> SLUICE_HOME + "/lib/deps";
        default -> SLUICE_HOME + "/app";
      };
      String name = Files.isDirectory(p) ? moduleName(p) : p.getFileName().toString();
      // Sluice's own jars lose their version, so manifests can name them (local:///opt/sluice/app/sluice-jobs.jar).
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
    return ENGINE_GROUPS.stream().anyMatch(path::contains) ? LAYER_SPARK_HADOOP : LAYER_DEPENDENCIES;
  }

  /** {@code .../cluster-runner/target/classes} -> {@code cluster-runner-classes}. */
  private static String moduleName(Path classesDir) {
    Path target = classesDir.getParent();
    Path module = target == null ? null : target.getParent();
    return (module == null ? "app" : module.getFileName().toString()) + "-" + classesDir.getFileName();
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
    return String.join(":", entries.stream().map(Entry::containerPath).toList());
  }
}
