package io.sluice.runner;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Sluice's own jars (jobs, ML, storage) on this JVM's classpath, as URIs for {@code spark.jars}:
 * executors of a cluster have only Spark's, and a job's functions (lambdas, record readers) must
 * reach them.
 */
public final class AppJars {

  private AppJars() {}

  public static List<String> onClassPath() {
    List<String> jars = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
      Path p = Path.of(entry);
      String name = p.getFileName() == null ? "" : p.getFileName().toString();
      if (name.startsWith("sluice-") && name.endsWith(".jar") && Files.isRegularFile(p)) {
        jars.add(p.toAbsolutePath().toUri().toString());
      }
    }
    return jars;
  }

  /** Whether a {@code --master} runs executors in other JVMs (anything but {@code local...}). */
  public static boolean neededBy(String master) {
    return master != null && !master.startsWith("local");
  }
}
