package io.sluice.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.jobs.userjar.UserJobJar;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sluice jobs|run --jar} and {@code SLUICE_JARS} in-process, through the CLI's main logic: a
 * user's job jar built at test time is listed, runs on MapReduce with the expected output, and bad
 * jars exit 2 with one line naming them. The run on Spark from SLUICE_JARS is tests/engines'
 * UserJarIT (runInProcessFindsTheJobInSluiceJars), off the build's chain.
 */
class UserJarCliTest {

  private static final List<String> LINES =
      List.of(
          "Otters swim in the river",
          "",
          "oak trees and Ospreys",
          "rain over rapids",
          "",
          "Swans swim slowly");

  @TempDir static Path shared;

  @TempDir Path dir;

  private static Path jar;
  private static Path input;

  @BeforeAll
  static void buildJarAndInput() throws Exception {
    jar = UserJobJar.letters("letters", "LetterCount").build(shared.resolve("letter-jobs.jar"));
    input = shared.resolve("in.txt");
    Files.write(input, LINES);
  }

  private static CliOutcome sluice(String... args) {
    return CliOutcome.main(Map.of(), args);
  }

  @Test
  void jobsListsTheUsersJobsAndWhereEachComesFrom() {
    CliOutcome o = sluice("jobs", "--jar", jar.toString());
    assertEquals(0, o.code, o.toString());
    assertTrue(
        o.out
            .lines()
            .anyMatch(
                l ->
                    l.matches(
                        "letters +mapreduce,spark +Count the first letters of words"
                            + " \\(a user's job\\) +"
                            + java.util.regex.Pattern.quote(jar.toString()))),
        o.out);
    assertTrue(
        o.out.lines().anyMatch(l -> l.startsWith("wordcount") && l.endsWith(" built-in")), o.out);
    assertTrue(
        o.out.startsWith("JOB") && o.out.lines().findFirst().orElse("").endsWith("FROM"), o.out);

    CliOutcome fromEnv = CliOutcome.main(Map.of(UserJarOptions.ENV, jar.toString()), "jobs");
    assertEquals(o.out, fromEnv.out);
    // Without jars: the built-in table, as before.
    CliOutcome plain = sluice("jobs");
    assertTrue(
        plain.out.lines().noneMatch(l -> l.startsWith("letters")) && !plain.out.contains("FROM"),
        plain.out);
  }

  @Test
  void runHelpDocumentsJar() {
    CliOutcome o = sluice("run", "--help");
    assertEquals(0, o.code, o.toString());
    assertTrue(o.out.contains("--jar=JAR"), o.out);
    CliOutcome job = sluice("run", "--jar", jar.toString(), "letters", "--help");
    assertEquals(0, job.code, job.toString());
    assertTrue(
        job.out.contains("Count the first letters of words") && job.out.contains("--input=URI"),
        job.out);
  }

  @Test
  void userJobRunsOnMapReduce() {
    Path out = dir.resolve("mr");
    CliOutcome o =
        sluice(
            "run",
            "--jar",
            jar.toString(),
            "letters",
            "--engine",
            "mapreduce",
            "--input",
            input.toString(),
            "--output",
            out.toString());
    assertLettersDone("mapreduce", o, out);
  }

  /** The user's job ran on {@code engine}, reported its counts and wrote every letter's count. */
  private static void assertLettersDone(String engine, CliOutcome o, Path out) {
    assertEquals(0, o.code, o.toString());
    assertTrue(
        o.out.startsWith(
            "letters ["
                + engine
                + "] done: read=6 accepted=4 rejected=2 written="
                + UserJobJar.expectedLetters(LINES).size()
                + " records"),
        o.out);
    assertEquals(UserJobJar.expectedLetters(LINES), UserJobJar.readLetters(out));
  }

  @Test
  void aMissingJarIsOneLineExit2() {
    Path missing = dir.resolve("missing.jar");
    for (String[] args :
        List.of(
            new String[] {"run", "--jar", missing.toString(), "letters"},
            new String[] {"jobs", "--jar", missing.toString()})) {
      CliOutcome o = sluice(args);
      assertEquals(ExitCode.BAD_INPUT, o.code, o.toString());
      assertEquals("sluice: jar not found: " + missing, o.err.strip());
    }
    CliOutcome env =
        CliOutcome.main(Map.of(UserJarOptions.ENV, jar + ":" + missing), "run", "letters");
    assertEquals(ExitCode.BAD_INPUT, env.code, env.toString());
    assertEquals("sluice: jar not found: " + missing, env.err.strip());
  }

  @Test
  void aJarWithoutJobsIsOneLineExit2() {
    Path bare =
        UserJobJar.letters("letters", "LetterCount").unregistered().build(dir.resolve("bare.jar"));
    CliOutcome o = sluice("run", "--jar", bare.toString(), "letters", "--engine", "mapreduce");
    assertEquals(ExitCode.BAD_INPUT, o.code, o.toString());
    assertEquals(
        "sluice: jar "
            + bare
            + " has no jobs: a job jar lists its Job classes, one per line, in "
            + "META-INF/services/io.sluice.jobs.Job",
        o.err.strip());
  }

  @Test
  void aNameClashIsOneLineExit2NamingBothClassesAndJars() {
    Path wordcount = UserJobJar.letters("wordcount", "WordCount").build(dir.resolve("wc.jar"));
    CliOutcome builtIn = sluice("jobs", "--jar", wordcount.toString());
    assertEquals(ExitCode.BAD_INPUT, builtIn.code, builtIn.toString());
    assertEquals(1, builtIn.err.strip().lines().count(), builtIn.err);
    assertTrue(
        builtIn.err.contains(
            "two jobs are named 'wordcount': io.sluice.jobs.wordcount.WordCountJob (built-in) and "
                + UserJobJar.PACKAGE
                + ".WordCount (from "
                + wordcount
                + ")"),
        builtIn.err);

    Path twin = UserJobJar.letters("letters", "Letters2").build(dir.resolve("twin.jar"));
    CliOutcome two = sluice("run", "--jar", jar.toString(), "--jar", twin.toString(), "letters");
    assertEquals(ExitCode.BAD_INPUT, two.code, two.toString());
    assertEquals(
        "sluice: two jobs are named 'letters': "
            + UserJobJar.PACKAGE
            + ".LetterCount (from "
            + jar
            + ") and "
            + UserJobJar.PACKAGE
            + ".Letters2 (from "
            + twin
            + "); rename one of them or leave its jar out",
        two.err.strip());
  }

  @Test
  void withoutTheJarTheJobIsUnknown() {
    CliOutcome o = sluice("run", "letters");
    assertEquals(ExitCode.BAD_INPUT, o.code, o.toString());
    assertTrue(o.err.startsWith("sluice: unknown job 'letters'"), o.err);
  }

  @Test
  void scanFindsRunJarsBeforeTheJobNameOnly() {
    assertEquals(
        List.of(Path.of("a.jar"), Path.of("b.jar")),
        UserJarOptions.scanRun(
            new String[] {"run", "--jar", "a.jar", "--jar=b.jar", "job", "--jar", "c.jar"}));
    assertEquals(
        List.of(), UserJarOptions.scanRun(new String[] {"submit", "--jar", "a.jar", "job"}));
    assertEquals(
        List.of(Path.of("/x/a.jar"), Path.of("/y/b.jar"), Path.of("c.jar")),
        UserJarOptions.combine(
            List.of(Path.of("/x/a.jar")), Map.of(UserJarOptions.ENV, "/y/b.jar::c.jar")));
  }
}
