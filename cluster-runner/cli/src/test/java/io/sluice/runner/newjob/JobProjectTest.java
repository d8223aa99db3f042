package io.sluice.runner.newjob;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.jobs.BadInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobProjectTest {

  @TempDir Path tmp;

  @Test
  void namesTheClassAndPackageAfterTheJob() {
    JobProject project = JobProject.of("city-counts", null);
    assertEquals("com.example.citycounts.CityCountsJob", project.qualifiedClassName());
    assertEquals(
        "org.acme.jobs.Top10Job", JobProject.of("top10", "org.acme.jobs").qualifiedClassName());
  }

  @Test
  void writesEveryTemplateWithEveryPlaceholderFilled() throws IOException {
    Path dir = tmp.resolve("city-counts");
    int files = JobProject.of("city-counts", "org.acme.jobs").writeTo(dir);

    List<Path> written;
    try (Stream<Path> walk = Files.walk(dir)) {
      written = walk.filter(Files::isRegularFile).sorted().toList();
    }
    assertEquals(files, written.size());
    for (Path file : written) {
      assertFalse(Files.readString(file).contains("{{"), file + " still has a placeholder");
    }
    assertTrue(Files.exists(dir.resolve("src/main/java/org/acme/jobs/CityCountsJob.java")));
    assertTrue(Files.exists(dir.resolve("src/test/java/org/acme/jobs/CityCountsJobTest.java")));
    assertTrue(Files.exists(dir.resolve("build.sbt")));
    assertEquals(
        "org.acme.jobs.CityCountsJob",
        Files.readString(dir.resolve("src/main/resources/META-INF/services/io.sluice.jobs.Job"))
            .trim());
    String pom = Files.readString(dir.resolve("pom.xml"));
    assertTrue(pom.contains("<artifactId>sluice-bom</artifactId>"), pom);
    assertTrue(
        pom.contains("--add-opens=java.base/java.lang=ALL-UNNAMED"), "the JVM flags Spark needs");
    assertFalse(pom.contains("${project.version}"), "the Sluice version is filled in");
    assertTrue(
        Files.readString(dir.resolve("src/main/java/org/acme/jobs/CityCountsJob.java"))
            .contains("return \"city-counts\";"));
  }

  @Test
  void refusesAFolderThatIsNotEmpty() throws IOException {
    Files.writeString(tmp.resolve("notes.txt"), "mine");
    BadInputException e =
        assertThrows(
            BadInputException.class, () -> JobProject.of("city-counts", null).writeTo(tmp));
    assertEquals("--dir " + tmp + " is not empty; give a new or empty folder", e.getMessage());
    assertEquals(List.of(tmp.resolve("notes.txt")), Files.list(tmp).toList());
  }

  @Test
  void refusesNamesAndPackagesThatCannotBeUsed() {
    assertThrows(BadInputException.class, () -> JobProject.of("City", null));
    assertThrows(BadInputException.class, () -> JobProject.of("city--counts", null));
    assertThrows(BadInputException.class, () -> JobProject.of("counts", "org.acme.class"));
    assertThrows(BadInputException.class, () -> JobProject.of("counts", "Org.Acme"));
  }
}
