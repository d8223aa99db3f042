package io.sluice.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sluice.errors.UserError;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Encoders;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the job base owns around a job's logic: inputs checked and measured, the output staged and
 * committed only when the counts add up, and every failure mapped once, with the staging removed
 * and an earlier output left as it was.
 */
class SluiceJobTest {

  private static EngineContext context;

  @TempDir Path dir;

  @BeforeAll
  static void engines() {
    context = LocalEngines.context();
  }

  @AfterAll
  static void stopEngines() {
    context.close();
  }

  @Test
  void aCheckedExceptionRemovesTheStagingAndLeavesTheEarlierOutput() throws Exception {
    Path input = write("in.txt", "a\nb\n");
    Path out = earlierOutput();
    List<Path> staged = new ArrayList<>();
    ScriptedJob job =
        new ScriptedJob(
            run -> {
              staged.add(writePart(run, "half a result\n"));
              throw new IOException("disk gone");
            });

    SluiceJobException e =
        assertThrows(SluiceJobException.class, () -> run(job, Engine.MAPREDUCE, input, out, true));

    assertEquals("scripted on mapreduce failed: disk gone", e.getMessage());
    assertNull(UserError.find(e), "a failure of the run is not the user's error (exit 1, not 2)");
    assertInstanceOf(IOException.class, e.getCause());
    assertEquals(1, staged.size());
    assertFalse(Files.exists(staged.get(0)), "staging left behind: " + staged.get(0));
    assertEquals("earlier\n", Files.readString(out.resolve("part-00000")));
    assertEquals(List.of("in.txt", "out"), names(dir));
  }

  @Test
  void aCheckedFailureNamesItsRootCause() {
    Path input = write("in.txt", "a\n");
    ScriptedJob job =
        new ScriptedJob(
            run -> {
              writePart(run, "x\n");
              throw new IOException(
                  "could not write part-00000", new FileNotFoundException("disk gone"));
            });

    SluiceJobException e =
        assertThrows(
            SluiceJobException.class,
            () -> run(job, Engine.SPARK, input, dir.resolve("out"), false));

    assertEquals(
        "scripted on spark failed: could not write part-00000 (FileNotFoundException: disk gone)",
        e.getMessage());
    assertEquals(List.of("in.txt"), names(dir));
  }

  @Test
  void aBadInputThrownInsideASparkTaskStaysAUserErrorWithItsMessage() {
    Path input = write("in.txt", "a\n");
    Path out = dir.resolve("out");
    ScriptedJob job =
        new ScriptedJob(
            run -> {
              // Thrown on an executor; Spark hands the driver a SparkException (checked) wrapping
              // it.
              run.spark()
                  .range(0, 100)
                  .repartition(2)
                  .map(
                      (MapFunction<Long, String>)
                          n -> {
                            if (n == 42) {
                              throw new BadInputException("record 42 has no key");
                            }
                            return Long.toString(n);
                          },
                      Encoders.STRING())
                  .write()
                  .text(run.output().toString());
              return RecordCounts.allAccepted(100, 100);
            });

    BadInputException e =
        assertThrows(BadInputException.class, () -> run(job, Engine.SPARK, input, out, false));

    assertEquals("record 42 has no key", e.getMessage());
    assertInstanceOf(UserError.class, e);
    assertFalse(Files.exists(out));
    assertEquals(List.of("in.txt"), names(dir), "staging left behind");
  }

  @Test
  void aCheckedUserErrorStaysAUserError() {
    Path input = write("in.txt", "a\n");
    ScriptedJob job =
        new ScriptedJob(
            run -> {
              throw new CheckedUserError("--table orders does not exist");
            });

    BadInputException e =
        assertThrows(
            BadInputException.class,
            () -> run(job, Engine.MAPREDUCE, input, dir.resolve("out"), false));

    assertEquals("--table orders does not exist", e.getMessage());
    assertInstanceOf(CheckedUserError.class, e.getCause());
  }

  @Test
  void anUncheckedFailureIsRethrownAsItIsAndTheStagingRemoved() {
    Path input = write("in.txt", "a\n");
    IllegalStateException thrown = new IllegalStateException("engine lost its executors");
    ScriptedJob job =
        new ScriptedJob(
            run -> {
              writePart(run, "x\n");
              throw thrown;
            });

    assertSame(
        thrown,
        assertThrows(
            IllegalStateException.class,
            () -> run(job, Engine.MAPREDUCE, input, dir.resolve("out"), false)));
    assertEquals(List.of("in.txt"), names(dir));
  }

  @Test
  void countsThatDoNotAddUpCommitNothing() {
    Path input = write("in.txt", "a\n");
    Path out = dir.resolve("out");
    ScriptedJob job =
        new ScriptedJob(
            run -> {
              writePart(run, "a\n");
              return new RecordCounts(10, 8, 1, 8);
            });

    AccountingException e =
        assertThrows(
            AccountingException.class, () -> run(job, Engine.MAPREDUCE, input, out, false));

    assertEquals(
        "scripted: records do not add up: read=10 but accepted=8 + rejected=1 = 9", e.getMessage());
    assertFalse(Files.exists(out), "output committed although its counts do not add up");
    assertEquals(List.of("in.txt"), names(dir), "staging left behind");
  }

  @Test
  void anExistingOutputIsRefusedWithoutOverwriteBeforeTheRun() throws Exception {
    Path input = write("in.txt", "a\n");
    Path out = earlierOutput();
    ScriptedJob job = new ScriptedJob(run -> RecordCounts.allAccepted(1, 1));

    OutputExistsException e =
        assertThrows(OutputExistsException.class, () -> run(job, Engine.SPARK, input, out, false));

    assertEquals(
        "output already exists: "
            + out
            + " (pass --overwrite to replace it; it was left untouched)",
        e.getMessage());
    assertInstanceOf(UserError.class, e);
    assertEquals(0, job.executions.get(), "execute ran although the output was in the way");
    assertEquals("earlier\n", Files.readString(out.resolve("part-00000")));
    assertEquals(List.of("in.txt", "out"), names(dir));
  }

  @Test
  void aMissingInputIsRefusedBeforeTheRun() {
    Path missing = dir.resolve("nowhere");
    Path out = dir.resolve("out");
    ScriptedJob job = new ScriptedJob(run -> RecordCounts.allAccepted(1, 1));

    InputNotFoundException e =
        assertThrows(
            InputNotFoundException.class, () -> run(job, Engine.MAPREDUCE, missing, out, false));

    assertEquals("input not found: --input " + missing + " does not exist", e.getMessage());
    assertEquals(0, job.executions.get());
    assertFalse(Files.exists(out));
  }

  @Test
  void bytesInAndOutAreMeasuredAndOverwriteReplacesTheEarlierOutput() throws Exception {
    Path input = dir.resolve("in");
    Files.createDirectories(input.resolve("nested"));
    Files.writeString(input.resolve("one.txt"), "12345");
    Files.writeString(input.resolve("nested/two.txt"), "1234567");
    Path out = earlierOutput();
    ScriptedJob job =
        new ScriptedJob(
            run -> {
              Path staging = writePart(run, "x".repeat(20));
              Files.createDirectories(staging.resolve(RejectedRecord.DIRECTORY));
              Files.writeString(
                  staging.resolve(RejectedRecord.DIRECTORY).resolve("part-00000"), "bad");
              return new RecordCounts(2, 1, 1, 1);
            });

    RunSummary.Counts counts = run(job, Engine.MAPREDUCE, input, out, true);

    assertEquals(new RunSummary.Counts(2, 1, 1, 1, 12, 23), counts);
    assertEquals("x".repeat(20), Files.readString(out.resolve("part-00000")));
    assertEquals(
        "bad", Files.readString(out.resolve(RejectedRecord.DIRECTORY).resolve("part-00000")));
    assertEquals(List.of("in", "out"), names(dir), "staging left behind");
  }

  // ---- the scripted job and helpers ---------------------------------------------------------

  /** A job whose logic each test supplies; it counts how often the base called it. */
  static final class ScriptedJob extends SluiceJob {

    /** The job's logic. */
    interface Logic {
      RecordCounts execute(JobRun run) throws Exception;
    }

    private final Logic logic;
    final AtomicInteger executions = new AtomicInteger();

    ScriptedJob(Logic logic) {
      this.logic = logic;
    }

    @Override
    public String name() {
      return "scripted";
    }

    @Override
    public String description() {
      return "A job whose logic the test supplies";
    }

    @Override
    public List<JobParameter> parameters() {
      return List.of(
          JobParameter.input("input", "Anything"),
          JobParameter.output("output", "Anywhere"),
          JobParameter.overwrite());
    }

    @Override
    public Set<Engine> engines() {
      return EnumSet.allOf(Engine.class);
    }

    @Override
    protected RecordCounts execute(JobRun run) throws Exception {
      executions.incrementAndGet();
      return logic.execute(run);
    }
  }

  /**
   * A checked exception of the user-error family, as a library outside the jobs module may throw.
   */
  static final class CheckedUserError extends Exception implements UserError {
    private static final long serialVersionUID = 1L;

    CheckedUserError(String message) {
      super(message);
    }
  }

  private static RunSummary.Counts run(
      SluiceJob job, Engine engine, Path input, Path output, boolean overwrite) {
    Map<String, String> raw = new LinkedHashMap<>();
    raw.put("input", input.toString());
    raw.put("output", output.toString());
    if (overwrite) {
      raw.put("overwrite", "true");
    }
    return job.run(engine, JobParameters.of(job, raw), context);
  }

  /**
   * Writes {@code part-00000} into the run's staging directory, which the base expects absent;
   * returns the directory.
   */
  private static Path writePart(JobRun run, String text) throws IOException {
    Path staging = Path.of(run.output().toUri().getPath());
    assertFalse(Files.exists(staging), "the staging directory exists before the run wrote it");
    Files.createDirectories(staging);
    Files.writeString(staging.resolve("part-00000"), text);
    return staging;
  }

  private Path earlierOutput() throws IOException {
    Path out = dir.resolve("out");
    Files.createDirectories(out);
    Files.writeString(out.resolve("part-00000"), "earlier\n");
    return out;
  }

  private Path write(String name, String text) {
    try {
      return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The names in a directory, hidden ones (a staging directory) included, sorted. */
  private static List<String> names(Path directory) {
    try (Stream<Path> files = Files.list(directory)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
