package io.sluice.tests.engines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.testing.RequiredTool;
import io.sluice.testing.SluiceProcess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code bin/sluice} launcher as a user runs it, with the build in place (the demo through the
 * launcher is DemoPipelineIT's first run, in tests/pipelines).
 */
class LauncherIT {

  private static final Path ROOT =
      Path.of(System.getProperty("sluice.repo.root")).toAbsolutePath().normalize();

  @TempDir Path dir;

  @Test
  void listsJobsAndRunsWordCountFromTheSampleData() throws Exception {
    SluiceProcess.Result jobs = sluice("jobs");
    assertEquals(0, jobs.exitCode(), jobs.stderr());
    assertTrue(jobs.stdout().contains("wordcount"), jobs.stdout());

    Path out = dir.resolve("wc");
    SluiceProcess.Result run =
        sluice(
            "run",
            "wordcount",
            "--engine",
            "mapreduce",
            "--input",
            "sample-data/text/river-notes.txt",
            "--output",
            out.toString());
    assertEquals(0, run.exitCode(), run.stderr());
    assertTrue(run.stdout().contains("wordcount [mapreduce] done: read="), run.stdout());
    assertNoWarnings(run);
    String counts = Files.readString(out.resolve("part-r-00000"), StandardCharsets.UTF_8);
    assertTrue(counts.contains("\nsluice\t3\n"), counts);
  }

  @Test
  void badRequestsExitWithTwoAndOneLine() throws Exception {
    Path existing = dir.resolve("existing");
    Files.createDirectories(existing);
    Files.writeString(existing.resolve("keep.txt"), "precious");

    List<String[]> requests = new ArrayList<>();
    requests.add(
        new String[] {
          "run",
          "wordcount",
          "--input",
          dir.resolve("nope").toString(),
          "--output",
          dir.resolve("o1").toString()
        });
    requests.add(new String[] {"run", "no-such-job", "--input", "x", "--output", "y"});
    requests.add(
        new String[] {
          "run",
          "wordcount",
          "--engine",
          "flink",
          "--input",
          "sample-data/text",
          "--output",
          dir.resolve("o2").toString()
        });
    requests.add(
        new String[] {
          "run",
          "wordcount",
          "--engine",
          "mapreduce",
          "--input",
          "sample-data/text",
          "--output",
          existing.toString()
        });
    String[] expected = {
      "input not found",
      "unknown job 'no-such-job'",
      "unknown engine 'flink'",
      "output already exists"
    };
    for (int i = 0; i < requests.size(); i++) {
      SluiceProcess.Result result = sluice(requests.get(i));
      assertEquals(
          2, result.exitCode(), String.join(" ", requests.get(i)) + "\n" + result.stderr());
      List<String> errors = result.stderr().lines().filter(l -> l.startsWith("sluice")).toList();
      assertEquals(1, errors.size(), result.stderr());
      assertTrue(errors.get(0).contains(expected[i]), errors.get(0));
    }
    assertEquals("precious", Files.readString(existing.resolve("keep.txt")));
    assertTrue(Files.notExists(dir.resolve("o1")) && Files.notExists(dir.resolve("o2")));
  }

  @Test
  void versionNamesTheBuildAndTheLibraries() throws Exception {
    SluiceProcess.Result version = sluice("--version");
    assertEquals(0, version.exitCode(), version.stderr());
    assertTrue(version.stdout().startsWith("sluice "), version.stdout());
    assertTrue(version.stdout().contains("\nSpark 4."), version.stdout());
    assertEquals("", version.stderr());
  }

  @Test
  void everyCommandLineClassComesFromTheClassArchive() throws Exception {
    Path archive = ROOT.resolve("cluster-runner/cli/target/sluice-cli.jsa");
    RequiredTool.check(
        "the CLI's class archive " + archive,
        Files.isRegularFile(archive),
        "mvn -pl cluster-runner/cli -am package -DskipTests (without -Dsluice.cds.skip=true)");
    Path loaded = dir.resolve("classes.log");
    SluiceProcess.Result jobs =
        launcher("jobs")
            .env("SLUICE_JAVA_OPTS", "-Xmx256m -Xlog:class+load=info:file=" + loaded)
            .run();
    assertEquals(0, jobs.exitCode(), jobs.all());
    assertEquals("", jobs.stderr());
    // picocli's classes are compiled for Java 5, which a dynamic archive of Java 17 leaves out.
    List<String> picocli =
        Files.readAllLines(loaded).stream().filter(l -> l.contains(" picocli.")).toList();
    assertTrue(picocli.size() > 100, String.join("\n", picocli));
    for (String line : picocli) {
      assertTrue(line.endsWith("source: shared objects file"), line);
    }
  }

  /** A normal run says nothing about the JVM's, the logging's or the engines' set-up. */
  private static void assertNoWarnings(SluiceProcess.Result result) {
    List<String> warnings =
        result
            .stderr()
            .lines()
            .filter(l -> l.matches(".*\\bWARN(ING)?\\b.*") || l.startsWith("SLF4J"))
            .toList();
    assertEquals(List.of(), warnings, result.stderr());
  }

  private SluiceProcess.Result sluice(String... args) throws Exception {
    return launcher(args).run();
  }

  /** {@code bin/sluice ARGS} from the repository's root, as a user runs it. */
  private static SluiceProcess.Builder launcher(String... args) {
    List<String> command = new ArrayList<>();
    command.add(ROOT.resolve("bin/sluice").toString());
    command.addAll(List.of(args));
    return SluiceProcess.exec(command.toArray(String[]::new)).workDir(ROOT).timeoutSeconds(300);
  }
}
