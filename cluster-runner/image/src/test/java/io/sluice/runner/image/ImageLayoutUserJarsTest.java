package io.sluice.runner.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Users' jars in the image: the application layer, off the classpath, named by SLUICE_JARS; held
 * libraries left out.
 */
class ImageLayoutUserJarsTest {

  @TempDir Path tmp;

  private Path file(String path, String content) throws Exception {
    Path p = tmp.resolve(path);
    Files.createDirectories(p.getParent());
    Files.writeString(p, content);
    return p;
  }

  @Test
  void userJarsGoToTheApplicationLayerOnlyAndStayOffTheClasspath() throws Exception {
    Path spark = file("m2/org/apache/spark/spark-core_2.13-4.0.1.jar", "spark");
    Path jobs = file("home/me/build/my-jobs-1.0.jar", "jobs");
    Path lib = file("home/me/libs/commons-text-1.12.0.jar", "text");
    ImageLayout layout = ImageLayout.of(List.of(spark), List.of(jobs, lib));
    assertEquals("/opt/sluice/lib/spark/spark-core_2.13-4.0.1.jar", layout.containerClasspath());
    assertEquals(
        "/opt/sluice/app/user/my-jobs-1.0.jar:/opt/sluice/app/user/commons-text-1.12.0.jar",
        layout.userJars());
    assertEquals(
        List.of(jobs, lib),
        layout.byLayer().get(ImageLayout.LAYER_APPLICATION).stream()
            .map(ImageLayout.Entry::source)
            .toList());
    assertTrue(layout.byLayer().get(ImageLayout.LAYER_DEPENDENCIES).isEmpty());
    assertEquals("", ImageLayout.of(List.of(spark), List.of()).userJars());
  }

  @Test
  void librariesTheImageHoldsAreLeftOutAndSameNamesAreRefused() throws Exception {
    Path held = file("m2/org/apache/commons/commons-text-1.12.0.jar", "text");
    Path same = file("home/me/libs/commons-text-1.12.0.jar", "text");
    Path patched = file("home/me/patched/commons-text-1.12.0.jar", "text, patched");
    Path jobs = file("home/me/build/my-jobs.jar", "jobs");
    assertEquals(
        List.of(jobs, patched),
        ImageLayout.missingFrom(List.of(jobs, same, patched), List.of(held)));
    Path twin = file("elsewhere/my-jobs.jar", "other jobs");
    BadImageInputException e =
        assertThrows(
            BadImageInputException.class, () -> ImageLayout.of(List.of(), List.of(jobs, twin)));
    assertTrue(e.getMessage().startsWith("two --jar files are named my-jobs.jar"), e.getMessage());
  }
}
