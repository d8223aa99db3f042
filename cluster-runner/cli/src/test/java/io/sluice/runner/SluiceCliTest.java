package io.sluice.runner;

import static io.sluice.runner.CliOutcome.sluice;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.testing.RunArgs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI in-process: help, listing, exit codes, and that output is only replaced on request. */
class SluiceCliTest {

  @TempDir Path dir;

  @Test
  void everyCommandHasHelp() {
    for (String[] args :
        List.of(
            new String[] {"--help"},
            new String[] {"jobs", "--help"},
            new String[] {"run", "--help"},
            new String[] {"run", "wordcount", "--help"})) {
      CliOutcome o = sluice(args);
      assertEquals(0, o.code, String.join(" ", args));
      assertTrue(o.out.startsWith("Usage: sluice"), o.out);
    }
    assertTrue(sluice("run", "wordcount", "--help").out.contains("--engine=ENGINE"));
  }

  @Test
  void jobsListsWordCountWithItsEngines() {
    CliOutcome o = sluice("jobs");
    assertEquals(0, o.code);
    assertTrue(
        o.out.lines().anyMatch(l -> l.startsWith("wordcount") && l.contains("mapreduce,spark")),
        o.out);
  }

  @Test
  void outputIsReplacedOnlyWithOverwrite() throws Exception {
    Path input = dir.resolve("in.txt");
    Files.writeString(input, "b a b\nc\n");
    Path out = Files.createDirectories(dir.resolve("out"));
    Files.writeString(out.resolve("earlier"), "keep me");

    CliOutcome refused = sluice(RunArgs.of("wordcount", "mapreduce", input, out));
    assertEquals(ExitCode.BAD_INPUT, refused.code);
    assertEquals(
        "sluice: output already exists: "
            + out
            + " (pass --overwrite to replace it; it was left untouched)",
        refused.err.strip());
    assertEquals("keep me", Files.readString(out.resolve("earlier")));

    CliOutcome replaced = sluice(RunArgs.of("wordcount", "mapreduce", input, out, "--overwrite"));
    assertEquals(ExitCode.OK, replaced.code, replaced.err);
    assertTrue(
        replaced.out.startsWith(
            "wordcount [mapreduce] done: read=2 accepted=2 rejected=0 written=3 records"),
        replaced.out);
    assertFalse(Files.exists(out.resolve("earlier")));
    assertEquals("a\t1\nb\t2\nc\t1\n", Files.readString(out.resolve("part-r-00000")));
  }

  @Test
  void sparkEngineRunsEmbedded() throws Exception {
    Path input = dir.resolve("in.txt");
    Files.writeString(input, "b a b\nc\n");
    Path out = dir.resolve("spark-out");
    CliOutcome o =
        sluice(
            "run",
            "wordcount",
            "--engine",
            "spark",
            "--master",
            "local[2]",
            "--conf",
            "spark.sql.shuffle.partitions=2",
            "--input",
            input.toString(),
            "--output",
            out.toString());
    assertEquals(ExitCode.OK, o.code, o.err);
    assertTrue(
        o.out.startsWith("wordcount [spark] done: read=2 accepted=2 rejected=0 written=3 records"),
        o.out);
    try (var parts = Files.list(out)) {
      String text =
          parts
              .filter(p -> p.getFileName().toString().startsWith("part-"))
              .sorted()
              .map(
                  p -> {
                    try {
                      return Files.readString(p);
                    } catch (java.io.IOException e) {
                      throw new java.io.UncheckedIOException(e);
                    }
                  })
              .reduce("", String::concat);
      assertEquals("a\t1\nb\t2\nc\t1\n", text);
    }
    assertTrue(Files.exists(out.resolve("_SUCCESS")));
  }

  @Test
  void badRequestsExitWithTwo() {
    assertEquals(ExitCode.BAD_INPUT, sluice("run").code);
    CliOutcome unknown = sluice("run", "wc");
    assertEquals(ExitCode.BAD_INPUT, unknown.code);
    assertTrue(
        unknown
            .err
            .strip()
            .matches(
                "sluice: unknown job 'wc'; registered jobs: .*\\bwordcount\\b.* \\(see `sluice jobs`\\)"),
        unknown.err);
    CliOutcome engine =
        sluice("run", "wordcount", "--engine", "hive", "--input", "x", "--output", "y");
    assertEquals(ExitCode.BAD_INPUT, engine.code);
    assertEquals(
        "sluice: unknown engine 'hive'; choose one of: spark, mapreduce", engine.err.strip());
    CliOutcome missing =
        sluice(
            "run",
            "wordcount",
            "--input",
            dir.resolve("none").toString(),
            "--output",
            dir.resolve("o").toString());
    assertEquals(ExitCode.BAD_INPUT, missing.code);
    assertTrue(
        missing.err.contains("input not found: --input " + dir.resolve("none")), missing.err);
  }
}
