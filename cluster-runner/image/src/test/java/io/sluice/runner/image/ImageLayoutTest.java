package io.sluice.runner.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageLayoutTest {

  @TempDir Path tmp;

  @Test
  void classpathEntriesGoToTheirLayersAndKeepTheirOrder() throws Exception {
    Path classes = Files.createDirectories(tmp.resolve("cluster-runner/target/classes"));
    Path spark = jar("m2/org/apache/spark/spark-core_2.13/4.0.1/spark-core_2.13-4.0.1.jar");
    Path guava = jar("m2/com/google/guava/guava/32.1.2-jre/guava-32.1.2-jre.jar");
    Path jobs = jar("jobs/target/sluice-jobs-0.1.0-SNAPSHOT.jar");
    Path otherGuava = jar("m2/other/guava-32.1.2-jre.jar");
    ImageLayout layout = ImageLayout.of(List.of(classes, spark, guava, jobs, otherGuava));
    assertEquals(
        List.of(
            ImageLayout.LAYER_APPLICATION,
            ImageLayout.LAYER_SPARK_HADOOP,
            ImageLayout.LAYER_DEPENDENCIES,
            ImageLayout.LAYER_APPLICATION,
            ImageLayout.LAYER_DEPENDENCIES),
        layout.entries().stream().map(ImageLayout.Entry::layer).toList());
    assertEquals(
        "/opt/sluice/app/cluster-runner-classes:/opt/sluice/lib/spark/spark-core_2.13-4.0.1.jar:"
            + "/opt/sluice/lib/deps/guava-32.1.2-jre.jar:/opt/sluice/app/sluice-jobs.jar:/opt/sluice/lib/deps/2-guava-32.1.2-jre.jar",
        layout.containerClasspath());
  }

  @Test
  void badReferencesAndFormatsAreOneLineErrors() {
    BadImageInputException ref =
        assertThrows(
            BadImageInputException.class, () -> ImageReferences.parse("Has Space:1", "--image"));
    assertEquals(
        "--image 'Has Space:1' is not a valid image reference: use [REGISTRY[:PORT]/]NAME[:TAG] with a"
            + " lowercase name, e.g. sluice-jobs:0.1.0 or 127.0.0.1:5000/sluice/jobs:latest",
        ref.getMessage());
    assertThrows(BadImageInputException.class, () -> ImageSpec.Format.parse("tar"));
  }

  @Test
  void pushTargetPutsTheImageUnderTheRegistry() {
    var image = ImageReferences.parse("sluice-jobs:1", "--image");
    assertEquals(
        "127.0.0.1:5000/sluice-jobs:1", ImageSpec.pushTarget(image, "127.0.0.1:5000").toString());
    assertEquals(true, ImageReferences.isLoopback(ImageSpec.pushTarget(image, "localhost:5000")));
    assertEquals(
        false, ImageReferences.isLoopback(ImageSpec.pushTarget(image, "registry.example.com")));
  }

  private Path jar(String path) throws Exception {
    Path p = tmp.resolve(path);
    Files.createDirectories(p.getParent());
    return Files.write(p, new byte[] {1});
  }
}
