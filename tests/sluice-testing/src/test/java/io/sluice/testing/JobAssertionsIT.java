package io.sluice.testing;

import static io.sluice.testing.JobAssertions.assertDatasetEquals;
import static io.sluice.testing.JobAssertions.assertEngineParity;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.jobs.Engine;
import io.sluice.jobs.RunSummary;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/**
 * The assertions that need engines: Datasets on the shared session, and engine parity of real runs.
 */
@SluiceTest
class JobAssertionsIT {

  private static final StructType SCHEMA =
      new StructType()
          .add("word", DataTypes.StringType)
          .add("n", DataTypes.LongType)
          .add("score", DataTypes.DoubleType)
          .add("price", DataTypes.createDecimalType(10, 2));

  private static Dataset<Row> rows(SparkSession spark, Row... rows) {
    return spark.createDataFrame(List.of(rows), SCHEMA);
  }

  @Test
  void datasetsEqualInAnyOrderButNotWithOtherDuplicates(SparkSession spark) {
    SessionsSeen.record(getClass().getSimpleName(), spark);
    Row a = RowFactory.create("a", 1L, 0.5, new BigDecimal("1.50"));
    Row b = RowFactory.create("b", 2L, 0.25, new BigDecimal("2.00"));
    assertDatasetEquals(rows(spark, a, b, b), rows(spark, b, a, b).repartition(3));

    AssertionFailedError duplicates =
        assertThrows(
            AssertionFailedError.class,
            () -> assertDatasetEquals(rows(spark, a, a, b), rows(spark, a, b, b)));
    assertTrue(
        duplicates.getMessage().contains("1 missing, 1 unexpected"), duplicates.getMessage());
    assertTrue(
        duplicates
            .getMessage()
            .contains("missing (in expected, not in actual): 1\n  [a, 1, 0.5, 1.50]"),
        duplicates.getMessage());
    assertThrows(
        AssertionFailedError.class, () -> assertDatasetEquals(rows(spark, a, b), rows(spark, a)));
  }

  @Test
  void toleranceAppliesToDoublesAndDecimalsOnly(SparkSession spark) {
    Row exact = RowFactory.create("a", 1L, 0.1 + 0.2, new BigDecimal("1.50"));
    Row close = RowFactory.create("a", 1L, 0.3, new BigDecimal("1.51"));
    assertThrows(
        AssertionFailedError.class,
        () -> assertDatasetEquals(rows(spark, exact), rows(spark, close)));
    assertDatasetEquals(rows(spark, exact), rows(spark, close), 0.01);
    Row otherCount = RowFactory.create("a", 2L, 0.3, new BigDecimal("1.50"));
    assertThrows(
        AssertionFailedError.class,
        () -> assertDatasetEquals(rows(spark, exact), rows(spark, otherCount), 0.5),
        "a long column is compared exactly whatever the tolerance");
    Row far = RowFactory.create("a", 1L, 0.4, new BigDecimal("1.50"));
    assertThrows(
        AssertionFailedError.class,
        () -> assertDatasetEquals(rows(spark, exact), rows(spark, far), 0.01));
  }

  @Test
  void schemasMustHaveTheSameNamesAndTypes(SparkSession spark) {
    Dataset<Row> counts = spark.sql("SELECT 'a' AS word, CAST(1 AS BIGINT) AS n");
    assertDatasetEquals(counts, spark.sql("SELECT 'a' AS word, CAST(1 AS BIGINT) AS n"));
    AssertionFailedError type =
        assertThrows(
            AssertionFailedError.class,
            () -> assertDatasetEquals(counts, spark.sql("SELECT 'a' AS word, 1 AS n")));
    assertTrue(
        type.getMessage().contains("column 2: expected n bigint, actual n int"), type.getMessage());
    assertThrows(
        AssertionFailedError.class,
        () -> assertDatasetEquals(counts, spark.sql("SELECT 'a' AS w, CAST(1 AS BIGINT) AS n")));
  }

  @AcrossStorages(storages = {TestStorage.Kind.FILE, TestStorage.Kind.S3})
  void wordCountHasEngineParity(Sluice sluice, TestStorage storage) {
    storage.writeLines("in/a.txt", List.of("river mill", "mill  gate\tMühle", ""));
    JobAssertions.EngineParity runs =
        assertEngineParity(sluice, "wordcount", Map.of("input", storage.uri("in")), storage, "out");
    assertEquals(Engine.SPARK, runs.spark().engine());
    assertEquals(Engine.MAPREDUCE, runs.mapReduce().engine());
    JobAssertions.assertLines(
        List.of("Mühle\t1", "gate\t1", "mill\t2", "river\t1"), storage, "out-spark");
    JobAssertions.assertLines(
        List.of("Mühle\t1", "gate\t1", "mill\t2", "river\t1"), storage, "out-mapreduce");
  }

  @AcrossStorages(storages = TestStorage.Kind.FILE)
  void parityFailsOnDifferentBytesCountsOrRejections(Sluice sluice, TestStorage storage) {
    String bytes =
        parityFailure(
            sluice,
            storage,
            "bytes",
            EngineDependentJob.writes(List.of("a\t1", "b\t2"), 2, 2, 0),
            EngineDependentJob.writes(List.of("a\t1", "b\t3"), 2, 2, 0));
    assertTrue(bytes.contains("- b\\t3\n+ b\\t2"), bytes);

    String counts =
        parityFailure(
            sluice,
            storage,
            "counts",
            EngineDependentJob.writes(List.of("a"), 3, 2, 1),
            EngineDependentJob.writes(List.of("a"), 3, 3, 0));
    assertTrue(counts.startsWith("Spark and MapReduce counted differently"), counts);

    RunSummary.Counts same = new RunSummary.Counts(2, 1, 1, 1, 0, 0);
    String rejected =
        parityFailure(
            sluice,
            storage,
            "rejected",
            new EngineDependentJob.Outcome(
                List.of("a"), List.of("{\"source\":\"x\",\"position\":1}"), same),
            new EngineDependentJob.Outcome(
                List.of("a"), List.of("{\"source\":\"x\",\"position\":2}"), same));
    assertTrue(
        rejected.startsWith("rejected records of Spark (+) and MapReduce (-) differ"), rejected);

    EngineDependentJob agreeing =
        new EngineDependentJob(
            Map.of(
                Engine.SPARK, EngineDependentJob.writes(List.of("a\t1"), 1, 1, 0),
                Engine.MAPREDUCE, EngineDependentJob.writes(List.of("a\t1"), 1, 1, 0)));
    assertEngineParity(sluice, agreeing, Map.of(), storage, "agree");
  }

  /** The message of the parity failure of a job with these outcomes on Spark and on MapReduce. */
  private static String parityFailure(
      Sluice sluice,
      TestStorage storage,
      String output,
      EngineDependentJob.Outcome spark,
      EngineDependentJob.Outcome mapReduce) {
    EngineDependentJob job =
        new EngineDependentJob(Map.of(Engine.SPARK, spark, Engine.MAPREDUCE, mapReduce));
    return assertThrows(
            AssertionFailedError.class,
            () -> assertEngineParity(sluice, job, Map.of(), storage, output))
        .getMessage();
  }
}
