package io.sluice.runner.submit;

import io.sluice.jobs.JobRegistry;
import io.sluice.runner.image.ImageLayout;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The jars a submission ships, as the cluster sees them: the application jar (spark-submit's
 * primary resource, {@code hadoop jar}'s jar) and the others ({@code --jars}, {@code -libjars}).
 * The first of the user's jars is the application when the job is its own, with Sluice's jobs jar
 * among the others; otherwise Sluice's jobs jar is the application and the user's jars go along.
 *
 * @param application the application jar
 * @param others the other jars, in order
 */
public record JobJars(String application, List<String> others) {

  public JobJars {
    others = List.copyOf(others);
  }

  /**
   * @param jobsJar Sluice's jobs jar as the cluster sees it
   * @param inImage whether the cluster reads jars from the image ({@code local://}, k8s): then the
   *     user's jars are where {@code sluice package --jar} put them, and libraries the image holds
   *     already ({@code imageClasspath}) are not shipped
   */
  public static JobJars of(
      JobRegistry registry,
      String job,
      String jobsJar,
      boolean inImage,
      List<Path> imageClasspath) {
    List<Path> shipped =
        inImage
            ? ImageLayout.missingFrom(registry.userJars(), imageClasspath)
            : registry.userJars();
    Optional<Path> first = registry.userJars().stream().findFirst();
    boolean firstIsTheJobs =
        first.isPresent() && registry.jarOf(job).equals(first) && shipped.contains(first.get());
    String application = jobsJar;
    List<String> others = new ArrayList<>();
    for (Path p : shipped) {
      String uri = inImage ? "local://" + ImageLayout.userJarPath(p) : p.toString();
      if (firstIsTheJobs && p.equals(first.get())) {
        application = uri;
        others.add(0, jobsJar);
      } else {
        others.add(uri);
      }
    }
    return new JobJars(application, others);
  }
}
