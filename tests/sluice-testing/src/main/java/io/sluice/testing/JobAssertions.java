package io.sluice.testing;

import io.sluice.jobs.Engine;
import io.sluice.jobs.Job;
import io.sluice.jobs.JobParameter;
import io.sluice.jobs.RejectedRecord;
import io.sluice.jobs.RunSummary;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.opentest4j.AssertionFailedError;

/**
 * Assertions for job tests. Every failure says what differs in a form a person can read: a line
 * diff, the missing and unexpected rows, the counts side by side.
 */
public final class JobAssertions {

  private JobAssertions() {}

  // ---- lines -----------------------------------------------------------------------------------

  /**
   * The file (or output directory: its {@code part-*} files in name order) at {@code relative}
   * holds exactly these lines, in this order.
   */
  public static void assertLines(List<String> expected, TestStorage storage, String relative) {
    assertLines(expected, storage.readLines(relative), "lines of " + storage.uri(relative));
  }

  /** Two lists of lines are equal, in order; {@code what} names the actual lines in the message. */
  public static void assertLines(List<String> expected, List<String> actual, String what) {
    String diff = LineDiff.ordered(expected, actual);
    if (diff != null) {
      throw new AssertionFailedError(
          what + " differ: " + diff, String.join("\n", expected), String.join("\n", actual));
    }
  }

  /** Like {@link #assertLines(List, TestStorage, String)}, in any order; duplicates still count. */
  public static void assertLinesInAnyOrder(
      List<String> expected, TestStorage storage, String relative) {
    assertLinesInAnyOrder(
        expected, storage.readLines(relative), "lines of " + storage.uri(relative));
  }

  /** Two lists hold the same lines in any order, each as often. */
  public static void assertLinesInAnyOrder(
      List<String> expected, List<String> actual, String what) {
    String diff = LineDiff.unordered(expected, actual);
    if (diff != null) {
      throw new AssertionFailedError(
          what + " differ: " + diff,
          String.join("\n", expected.stream().sorted().toList()),
          String.join("\n", actual.stream().sorted().toList()));
    }
  }

  // ---- accounting ------------------------------------------------------------------------------

  /** The run read, accepted and rejected these many records, and read = accepted + rejected. */
  public static void assertAccounting(RunSummary summary, long read, long accepted, long rejected) {
    RunSummary.Counts c = summary.counts();
    String expected = "read=" + read + " accepted=" + accepted + " rejected=" + rejected;
    String actual = "read=" + c.read() + " accepted=" + c.accepted() + " rejected=" + c.rejected();
    if (!expected.equals(actual)) {
      throw new AssertionFailedError(
          "accounting of " + summary.toLine() + ": expected " + expected, expected, actual);
    }
    if (c.read() != c.accepted() + c.rejected()) {
      throw new AssertionFailedError(
          "records do not add up in "
              + summary.toLine()
              + ": read="
              + c.read()
              + " but accepted + rejected = "
              + (c.accepted() + c.rejected()));
    }
  }

  /** The run wrote this many output records. */
  public static void assertWritten(RunSummary summary, long written) {
    if (summary.counts().written() != written) {
      throw new AssertionFailedError(
          "records written by "
              + summary.toLine()
              + ": expected "
              + written
              + " but was "
              + summary.counts().written(),
          written,
          summary.counts().written());
    }
  }

  // ---- rejected records ------------------------------------------------------------------------

  /**
   * A rejected record as a test expects it: the source ends with {@code sourceSuffix} (e.g. the
   * file name), at {@code position} (1-based line or byte offset), with a reason containing {@code
   * reasonContains}.
   */
  public record Rejection(String sourceSuffix, long position, String reasonContains) {
    public Rejection {
      Objects.requireNonNull(sourceSuffix, "sourceSuffix");
      Objects.requireNonNull(reasonContains, "reasonContains");
    }

    boolean matches(RejectedRecord record) {
      return record.source() != null
          && record.source().endsWith(sourceSuffix)
          && record.position() == position
          && record.reason() != null
          && record.reason().contains(reasonContains);
    }

    @Override
    public String toString() {
      return "source ending '"
          + sourceSuffix
          + "', position "
          + position
          + ", reason containing '"
          + reasonContains
          + "'";
    }
  }

  /** Shorthand for {@code new Rejection(sourceSuffix, position, reasonContains)}. */
  public static Rejection rejection(String sourceSuffix, long position, String reasonContains) {
    return new Rejection(sourceSuffix, position, reasonContains);
  }

  /**
   * The output's quarantine ({@code <output>/_rejected/}) holds exactly these records, in any
   * order: as many records as expected, each matching a different one.
   */
  public static void assertRejected(
      TestStorage storage, String outputRelative, Rejection... expected) {
    List<String> lines = storage.rejected(outputRelative);
    List<RejectedRecord> records = lines.stream().map(RejectedJson::parse).toList();
    int[] partner =
        Matching.maximum(
            expected.length, records.size(), (i, j) -> expected[i].matches(records.get(j)));
    List<String> notFound = new ArrayList<>();
    boolean[] used = new boolean[records.size()];
    for (int i = 0; i < expected.length; i++) {
      if (partner[i] < 0) {
        notFound.add("  " + expected[i]);
      } else {
        used[partner[i]] = true;
      }
    }
    List<String> unexpected = new ArrayList<>();
    for (int j = 0; j < records.size(); j++) {
      if (!used[j]) {
        unexpected.add("  " + lines.get(j));
      }
    }
    if (!notFound.isEmpty() || !unexpected.isEmpty()) {
      StringBuilder message =
          new StringBuilder(
              "rejected records of "
                  + storage.uri(outputRelative)
                  + ": expected "
                  + expected.length
                  + ", found "
                  + records.size()
                  + "\n");
      if (!notFound.isEmpty()) {
        message.append("not found:\n").append(String.join("\n", notFound)).append('\n');
      }
      if (!unexpected.isEmpty()) {
        message.append("not expected:\n").append(String.join("\n", unexpected)).append('\n');
      }
      throw new AssertionFailedError(
          message.toString(),
          String.join("\n", Arrays.stream(expected).map(Rejection::toString).toList()),
          String.join("\n", lines));
    }
  }

  // ---- Datasets --------------------------------------------------------------------------------

  /**
   * Equal schemas (column names and types, in order; nullability ignored), then equal rows in any
   * order, each row as often in both. Collects both Datasets to the driver.
   */
  public static void assertDatasetEquals(Dataset<Row> expected, Dataset<Row> actual) {
    assertDatasetEquals(expected, actual, 0.0);
  }

  /**
   * Like {@link #assertDatasetEquals(Dataset, Dataset)}, with float, double and decimal values
   * (also nested) equal when they differ by at most {@code tolerance}, or by at most {@code
   * tolerance} times the larger magnitude.
   */
  public static void assertDatasetEquals(
      Dataset<Row> expected, Dataset<Row> actual, double tolerance) {
    if (tolerance < 0 || Double.isNaN(tolerance)) {
      throw new IllegalArgumentException("tolerance must be 0 or more, got " + tolerance);
    }
    String schemas = RowDiff.schemaDifference(expected.schema(), actual.schema());
    if (schemas != null) {
      throw new AssertionFailedError(
          "Datasets differ: " + schemas,
          expected.schema().catalogString(),
          actual.schema().catalogString());
    }
    List<Row> expectedRows = expected.collectAsList();
    List<Row> actualRows = actual.collectAsList();
    RowDiff.Result result = RowDiff.compare(expectedRows, actualRows, tolerance);
    if (!result.equal()) {
      throw new AssertionFailedError(
          "Datasets differ: "
              + RowDiff.describe(result, expectedRows.size(), actualRows.size(), tolerance));
    }
  }

  // ---- engine parity ---------------------------------------------------------------------------

  /** The two runs of {@link #assertEngineParity}. */
  public record EngineParity(RunSummary spark, RunSummary mapReduce) {}

  /**
   * Runs the job on Spark into {@code <outputRelative>-spark} and on MapReduce into {@code
   * <outputRelative>-mapreduce} (the job's output parameter set to those locations) and asserts
   * that both read, accepted, rejected and wrote the same numbers of records from the same bytes,
   * that each output directory's {@code part-*} files, concatenated in name order, are
   * byte-identical, and that both quarantined the same records. For text output; compare Parquet
   * output with {@link #assertDatasetEquals}.
   */
  public static EngineParity assertEngineParity(
      Sluice sluice,
      Job job,
      Map<String, String> parameters,
      TestStorage storage,
      String outputRelative) {
    String output = outputParameter(job);
    Map<Engine, RunSummary> runs = new LinkedHashMap<>();
    for (Engine engine : List.of(Engine.SPARK, Engine.MAPREDUCE)) {
      Map<String, String> withOutput = new LinkedHashMap<>(parameters);
      withOutput.put(output, storage.uri(outputRelative + "-" + engine.id()));
      runs.put(engine, sluice.run(job, engine, withOutput));
    }
    RunSummary spark = runs.get(Engine.SPARK);
    RunSummary mapReduce = runs.get(Engine.MAPREDUCE);
    String sparkCounts = counts(spark);
    String mapReduceCounts = counts(mapReduce);
    if (!sparkCounts.equals(mapReduceCounts)) {
      throw new AssertionFailedError(
          "Spark and MapReduce counted differently:\n  spark:     "
              + spark.toLine()
              + "\n  mapreduce: "
              + mapReduce.toLine(),
          mapReduceCounts,
          sparkCounts);
    }
    Map<String, byte[]> sparkData = storage.partFilesByDirectory(outputRelative + "-spark");
    Map<String, byte[]> mapReduceData = storage.partFilesByDirectory(outputRelative + "-mapreduce");
    if (!sparkData.keySet().equals(mapReduceData.keySet())) {
      throw new AssertionFailedError(
          "Spark and MapReduce wrote part files into different directories of "
              + storage.uri(outputRelative)
              + "-*: spark "
              + sparkData.keySet()
              + ", mapreduce "
              + mapReduceData.keySet(),
          mapReduceData.keySet().toString(),
          sparkData.keySet().toString());
    }
    for (String dir : mapReduceData.keySet()) {
      if (!Arrays.equals(mapReduceData.get(dir), sparkData.get(dir))) {
        List<String> mr = TestStorage.lines(mapReduceData.get(dir));
        List<String> sp = TestStorage.lines(sparkData.get(dir));
        String diff = LineDiff.ordered(mr, sp);
        throw new AssertionFailedError(
            "Spark's output (+) differs from MapReduce's (-) in "
                + storage.uri(outputRelative)
                + "-*/"
                + dir
                + ": "
                + (diff != null
                    ? diff
                    : mapReduceData.get(dir).length
                        + " vs "
                        + sparkData.get(dir).length
                        + " bytes, same lines (line endings differ)"),
            new String(mapReduceData.get(dir), StandardCharsets.UTF_8),
            new String(sparkData.get(dir), StandardCharsets.UTF_8));
      }
    }
    assertLines(
        storage.rejected(outputRelative + "-mapreduce"),
        storage.rejected(outputRelative + "-spark"),
        "rejected records of Spark (+) and MapReduce (-)");
    return new EngineParity(spark, mapReduce);
  }

  /** {@link #assertEngineParity(Sluice, Job, Map, TestStorage, String)} for a registered job. */
  public static EngineParity assertEngineParity(
      Sluice sluice,
      String jobName,
      Map<String, String> parameters,
      TestStorage storage,
      String outputRelative) {
    return assertEngineParity(
        sluice, sluice.registry().find(jobName), parameters, storage, outputRelative);
  }

  private static String counts(RunSummary s) {
    RunSummary.Counts c = s.counts();
    return "read="
        + c.read()
        + " accepted="
        + c.accepted()
        + " rejected="
        + c.rejected()
        + " written="
        + c.written()
        + " bytesIn="
        + c.bytesIn();
  }

  private static String outputParameter(Job job) {
    return job.parameters().stream()
        .filter(p -> p.role() == JobParameter.Role.OUTPUT)
        .map(JobParameter::name)
        .findFirst()
        .orElse("output");
  }
}
