package io.sluice.jobs.userjar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.errors.UserError;
import io.sluice.jobs.Engine;
import io.sluice.jobs.EngineContext;
import io.sluice.jobs.Job;
import io.sluice.jobs.JobNameClashException;
import io.sluice.jobs.JobRegistry;
import io.sluice.jobs.JobRunner;
import io.sluice.jobs.RunSummary;
import io.sluice.jobs.UserJarException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Jobs from a user's jar: found, attributed, isolated child-first, run on the MapReduce local
 * runner; bad jars.
 */
class JobRegistryUserJarsTest {

  private static final ClassLoader BUILT_IN = JobRegistry.class.getClassLoader();

  @TempDir static Path jars;

  @TempDir Path dir;

  private static Path letters;

  @BeforeAll
  static void buildJar() {
    letters = UserJobJar.letters("letters", "LetterCountJob").build(jars.resolve("letters.jar"));
  }

  @Test
  void userJobIsFoundBesideTheBuiltInOnesWithItsJar() {
    JobRegistry registry = JobRegistry.load(BUILT_IN, List.of(letters));
    Job job = registry.find("letters");
    assertEquals(UserJobJar.PACKAGE + ".LetterCountJob", job.getClass().getName());
    assertEquals(letters, registry.jarOf("letters").orElseThrow());
    assertEquals(letters.toString(), registry.origin("letters"));
    assertEquals(JobRegistry.BUILT_IN, registry.origin("wordcount"));
    assertEquals(List.of(letters), registry.userJars());
    // Its own loader, but the one Job contract and the one Hadoop of this process.
    assertSame(registry.userClassLoader().orElseThrow(), job.getClass().getClassLoader());
    assertNotSame(BUILT_IN, job.getClass().getClassLoader());
    assertTrue(job instanceof Job);
    assertFalse(
        JobRegistry.load(BUILT_IN, List.of()).all().stream()
            .anyMatch(j -> j.name().equals("letters")));
  }

  @Test
  void userClassesComeFirstButTheContractAndEnginesFromTheParent() throws Exception {
    // A parent that has com.example.shared.Version "parent" and its own copy of a Hadoop class;
    // the user's jar has Version "user" and a fake org.apache.hadoop.io.Text.
    Path parentJar =
        UserJobJar.jar(
            dir.resolve("parent.jar"),
            Map.of(
                "com.example.shared.Version",
                "package com.example.shared; public class Version {"
                    + " public static String of() { return \"parent\"; } }"),
            Map.of());
    Path userJar =
        UserJobJar.letters("letters", "LetterCountJob").build(dir.resolve("user-classes.jar"));
    Path overrides =
        UserJobJar.jar(
            dir.resolve("overrides.jar"),
            Map.of(
                "com.example.shared.Version",
                "package com.example.shared; public class Version {"
                    + " public static String of() { return \"user\"; } }",
                "io.sluice.jobs.Job",
                "package io.sluice.jobs; public interface Job {}"),
            Map.of());
    try (URLClassLoader parent =
        new URLClassLoader(new URL[] {parentJar.toUri().toURL()}, BUILT_IN)) {
      JobRegistry registry = JobRegistry.load(parent, List.of(userJar, overrides));
      ClassLoader user = registry.userClassLoader().orElseThrow();
      assertEquals(
          "user", user.loadClass("com.example.shared.Version").getMethod("of").invoke(null));
      assertEquals(
          "parent", parent.loadClass("com.example.shared.Version").getMethod("of").invoke(null));
      assertSame(
          Job.class,
          user.loadClass("io.sluice.jobs.Job"),
          "the Job contract must come from the parent");
      assertSame(Configuration.class, user.loadClass(Configuration.class.getName()));
      assertSame(String.class, user.loadClass("java.lang.String"));
    }
  }

  @Test
  void userJobRunsOnTheMapReduceLocalRunnerWithItsOwnMapper() throws Exception {
    List<String> lines =
        List.of("Apple banana avocado", "", "cherry Blueberry apple", "  ", "date");
    Path input = dir.resolve("in.txt");
    Files.write(input, lines);
    Path output = dir.resolve("out");
    JobRegistry registry = JobRegistry.load(BUILT_IN, List.of(letters));
    ClassLoader before = Thread.currentThread().getContextClassLoader();
    RunSummary summary;
    try (EngineContext context =
        EngineContext.builder()
            .hadoopSetting("fs.defaultFS", "file:///")
            .hadoopSetting("mapreduce.framework.name", "local")
            .build()) {
      summary =
          new JobRunner(registry)
              .run(
                  "letters",
                  Engine.MAPREDUCE,
                  Map.of("input", input.toString(), "output", output.toString()),
                  context);
    }
    assertSame(
        before,
        Thread.currentThread().getContextClassLoader(),
        "the context loader must be put back");
    assertEquals(UserJobJar.expectedLetters(lines), UserJobJar.readLetters(output));
    RunSummary.Counts c = summary.counts();
    assertEquals(lines.size(), c.read());
    assertEquals(1, c.rejected(), "the empty line");
    assertEquals(UserJobJar.expectedLetters(lines).size(), c.written());
    assertTrue(
        Files.readString(
                Files.list(output.resolve("_rejected"))
                    .filter(p -> p.getFileName().toString().startsWith("part"))
                    .findFirst()
                    .orElseThrow())
            .contains("empty line"));
  }

  @Test
  void clusterEntryPointsFindJobsOfTheContextLoader() throws Exception {
    ClassLoader before = Thread.currentThread().getContextClassLoader();
    try (URLClassLoader submitted =
        new URLClassLoader(new URL[] {letters.toUri().toURL()}, BUILT_IN)) {
      Thread.currentThread().setContextClassLoader(submitted);
      assertEquals(
          submitted, JobRegistry.loadFromContext().find("letters").getClass().getClassLoader());
    } finally {
      Thread.currentThread().setContextClassLoader(before);
    }
    assertThrows(
        io.sluice.jobs.UnknownJobException.class,
        () -> JobRegistry.loadFromContext().find("letters"));
  }

  @Test
  void missingJarIsOneLineNamingIt() {
    Path missing = dir.resolve("nope/gone.jar");
    UserJarException e =
        assertThrows(UserJarException.class, () -> JobRegistry.load(BUILT_IN, List.of(missing)));
    assertEquals("jar not found: " + missing, e.getMessage());
    assertTrue(e instanceof UserError);
  }

  @Test
  void jarWithoutJobsNamesTheJarAndTheServicesFile() {
    Path bare =
        UserJobJar.letters("letters", "LetterCountJob")
            .unregistered()
            .build(dir.resolve("bare.jar"));
    UserJarException e =
        assertThrows(UserJarException.class, () -> JobRegistry.load(BUILT_IN, List.of(bare)));
    assertEquals(
        "jar "
            + bare
            + " has no jobs: a job jar lists its Job classes, one per line, in "
            + "META-INF/services/io.sluice.jobs.Job",
        e.getMessage());
    // Beside a jar with jobs, a jar without any is a library.
    assertEquals(
        List.of(letters, bare), JobRegistry.load(BUILT_IN, List.of(letters, bare)).userJars());
    Path notAJar = dir.resolve("text.jar");
    assertThrows(
        UserJarException.class,
        () -> {
          Files.writeString(notAJar, "not a zip");
          JobRegistry.load(BUILT_IN, List.of(notAJar));
        });
  }

  @Test
  void twoJobsOfOneNameAreAnErrorNamingBothClassesAndJars() {
    Path other = UserJobJar.letters("letters", "OtherLetters").build(dir.resolve("other.jar"));
    JobNameClashException e =
        assertThrows(
            JobNameClashException.class, () -> JobRegistry.load(BUILT_IN, List.of(letters, other)));
    assertEquals(
        "two jobs are named 'letters': "
            + UserJobJar.PACKAGE
            + ".LetterCountJob (from "
            + letters
            + ") and "
            + UserJobJar.PACKAGE
            + ".OtherLetters (from "
            + other
            + "); rename one of them or leave its jar out",
        e.getMessage());

    Path wordcount = UserJobJar.letters("wordcount", "MyWordCount").build(dir.resolve("wc.jar"));
    JobNameClashException builtIn =
        assertThrows(
            JobNameClashException.class, () -> JobRegistry.load(BUILT_IN, List.of(wordcount)));
    assertTrue(
        builtIn
            .getMessage()
            .startsWith(
                "two jobs are named 'wordcount': io.sluice.jobs.wordcount.WordCountJob "
                    + "(built-in) and "
                    + UserJobJar.PACKAGE
                    + ".MyWordCount (from "
                    + wordcount
                    + ")"),
        builtIn.getMessage());
    assertEquals(1, builtIn.getMessage().lines().count());
  }

  @Test
  void aJarNamedTwiceCountsOnce() {
    JobRegistry registry =
        JobRegistry.load(
            BUILT_IN, List.of(letters, letters.getParent().resolve(".").resolve("letters.jar")));
    assertEquals(List.of(letters), registry.userJars());
  }
}
