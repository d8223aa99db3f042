package io.sluice.runner.submit;

import io.sluice.jobs.BadInputException;
import io.sluice.jobs.Job;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The thin job jar ({@code sluice-jobs-VERSION-app.jar}: our classes and their non-engine
 * dependencies) that spark-submit and the Hadoop job client ship to the cluster.
 */
public final class AppJar {

  /** Overrides where the app jar is looked for (tests set it to jobs/target). */
  public static final String PROPERTY = "sluice.jobs.app.jar";

  /**
   * Where the driver pod finds the app jar inside the image by default; {@code --app-jar} overrides
   * it for images laid out differently. It is the jobs jar of images `sluice package` builds, where
   * ImageLayout drops the version from Sluice's jar names.
   */
  public static final String IMAGE_APP_JAR_PATH = io.sluice.runner.image.ImageLayout.APP_JAR_PATH;

  /** {@link #IMAGE_APP_JAR_PATH} as Spark names a file already in the image. */
  public static final String IMAGE_APP_JAR = "local://" + IMAGE_APP_JAR_PATH;

  private AppJar() {}

  /**
   * Beside the jobs module's own jar: {@code X.jar} has {@code X-app.jar}; target/classes has
   * target/*-app.jar.
   */
  public static Path locate() {
    String configured = System.getProperty(PROPERTY);
    if (configured != null && !configured.isBlank()) {
      return check(Path.of(configured));
    }
    Path jobs;
    try {
      jobs = Path.of(Job.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException | RuntimeException e) {
      throw new BadInputException("cannot tell where the jobs module is; give --app-jar");
    }
    String name = jobs.getFileName().toString();
    if (name.endsWith(".jar")) {
      return check(
          jobs.resolveSibling(name.substring(0, name.length() - ".jar".length()) + "-app.jar"));
    }
    Path target = jobs.getParent();
    try (Stream<Path> files = Files.list(target)) {
      return check(
          files
              .filter(p -> p.getFileName().toString().matches("sluice-jobs-.*-app\\.jar"))
              .findFirst()
              .orElse(target.resolve("sluice-jobs-app.jar")));
    } catch (java.io.IOException e) {
      return check(target.resolve("sluice-jobs-app.jar"));
    }
  }

  static Path check(Path jar) {
    if (!Files.isRegularFile(jar)) {
      throw new BadInputException(
          "job jar not found: "
              + jar
              + " (build it: mvn -DskipTests install -pl jobs -am, or give --app-jar)");
    }
    return jar.toAbsolutePath();
  }
}
