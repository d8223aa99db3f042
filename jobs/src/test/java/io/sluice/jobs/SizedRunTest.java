package io.sluice.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.RuntimeConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job base sizes the engine from the measured input ({@link EngineContext#sizeFor}) on a real
 * local Spark session and Hadoop configuration: settings the user gave win, and the session gets
 * its own settings back after the job.
 */
class SizedRunTest {

  private static final String PARTITIONS = InputSizing.SHUFFLE_PARTITIONS;
  private static final String WHOLE_STAGE = InputSizing.WHOLE_STAGE_CODEGEN;
  private static final String FACTORY = InputSizing.CODEGEN_FACTORY_MODE;

  @TempDir Path dir;

  private static EngineContext.Builder engines() {
    return LocalEngines.builder().sparkDefault(PARTITIONS, "8");
  }

  @Test
  void aTinyInputRunsOnOnePartitionWithoutGeneratedCodeThenTheSessionIsAsBefore() throws Exception {
    try (EngineContext context = engines().sizedFromInput(8, 2).build()) {
      Map<String, String> during = sparkSettingsDuring(context);
      assertEquals(Map.of(PARTITIONS, "1", WHOLE_STAGE, "false", FACTORY, "NO_CODEGEN"), during);
      RuntimeConfig after = context.spark().conf();
      assertEquals("8", after.get(PARTITIONS));
      assertEquals("true", after.get(WHOLE_STAGE), "Spark's default back");
      assertEquals("FALLBACK", after.get(FACTORY), "Spark's default back");
    }
  }

  @Test
  void theUsersSparkSettingsWin() throws Exception {
    EngineContext.Builder builder =
        engines().sparkConf(PARTITIONS, "5").sparkConf(WHOLE_STAGE, "true").sizedFromInput(8, 2);
    try (EngineContext context = builder.build()) {
      Map<String, String> during = sparkSettingsDuring(context);
      assertEquals(Map.of(PARTITIONS, "5", WHOLE_STAGE, "true", FACTORY, "NO_CODEGEN"), during);
      assertEquals("5", context.spark().conf().get(PARTITIONS));
    }
  }

  @Test
  void aContextNotAskedToSizeKeepsItsSettings() throws Exception {
    try (EngineContext context = engines().build()) {
      Map<String, String> during = sparkSettingsDuring(context);
      assertEquals(Map.of(PARTITIONS, "8", WHOLE_STAGE, "true", FACTORY, "FALLBACK"), during);
    }
  }

  @Test
  void aJobOnRddsAloneBuildsNoSessionAndKnowsItsShufflePartitions() throws Exception {
    try (EngineContext context = engines().sizedFromInput(8, 2).build()) {
      Path input = Files.writeString(dir.resolve("in.txt"), "a b a\n", StandardCharsets.UTF_8);
      long[] seen = new long[2];
      SluiceJobTest.ScriptedJob job =
          new SluiceJobTest.ScriptedJob(
              run -> {
                seen[0] =
                    JavaSparkContext.fromSparkContext(run.sparkContext())
                        .parallelize(List.of(1, 2, 3), 2)
                        .count();
                seen[1] = run.sqlShufflePartitions();
                return emptyOutput(run);
              });
      job.run(Engine.SPARK, parameters(job, input), context);
      assertEquals(3, seen[0]);
      assertEquals(1, seen[1], "a 6-byte input's one shuffle partition");
      assertTrue(SqlState.noSession(), "a SparkSession was built");
      assertEquals("8", context.spark().conf().get(PARTITIONS), "the session's own setting");
    }
  }

  @Test
  void theShufflePartitionsKnownBeforeSparkSqlAreThoseItPlansWith() throws Exception {
    String initial = "spark.sql.adaptive.coalescePartitions.initialPartitionNum";
    String coalesce = "spark.sql.adaptive.coalescePartitions.enabled";
    // Settings the user gives -> the partitions Spark SQL plans a 6-byte input with.
    Map<Map<String, String>, Integer> cases =
        Map.of(
            Map.of(),
            1, // sized for 6 bytes
            Map.of(PARTITIONS, "5"),
            5, // given: the size does not replace it
            Map.of(PARTITIONS, " 3 "),
            3, // Spark trims
            Map.of(initial, "7"),
            7,
            Map.of(initial, "7", coalesce, "FALSE"),
            1, // without coalescing the initial number does not apply
            Map.of(initial, "7", InputSizing.ADAPTIVE, "false", PARTITIONS, "6"),
            6,
            Map.of(PARTITIONS, "+4"),
            4); // not plain digits: left to Spark's own SQLConf
    for (Map.Entry<Map<String, String>, Integer> c : cases.entrySet()) {
      EngineContext.Builder builder = engines();
      c.getKey().forEach(builder::sparkConf);
      try (EngineContext context = builder.sizedFromInput(8, 2).build()) {
        int[] seen = new int[2];
        Path input = Files.writeString(dir.resolve("in.txt"), "a b a\n", StandardCharsets.UTF_8);
        SluiceJobTest.ScriptedJob job =
            new SluiceJobTest.ScriptedJob(
                run -> {
                  seen[0] = run.sqlShufflePartitions();
                  seen[1] = run.spark().sessionState().conf().numShufflePartitions();
                  return emptyOutput(run);
                });
        job.run(Engine.SPARK, parameters(job, input), context);
        assertEquals(c.getValue(), seen[0], "before Spark SQL, " + c.getKey());
        assertEquals(c.getValue(), seen[1], "Spark SQL's own, " + c.getKey());
      }
    }
  }

  @Test
  void reducersComeFromTheInputUnlessTheUserSetThem() throws Exception {
    Path input = Files.writeString(dir.resolve("in.txt"), "a b a\n", StandardCharsets.UTF_8);
    try (EngineContext sized = engines().sizedFromInput(8, 4).build()) {
      Configuration conf = sized.hadoopConf();
      sized.sizeFor(Engine.MAPREDUCE, 600L << 20, conf).close();
      assertEquals(3, conf.getInt(InputSizing.REDUCERS, -1));
      assertEquals("1", reducersDuringRun(sized, input));
    }
    EngineContext.Builder byUser = engines().hadoopSetting(InputSizing.REDUCERS, "3");
    try (EngineContext context = byUser.sizedFromInput(8, 4).build()) {
      assertEquals("3", reducersDuringRun(context, input));
      Configuration conf = context.hadoopConf();
      context.sizeFor(Engine.MAPREDUCE, 6, conf).close();
      assertEquals(3, conf.getInt(InputSizing.REDUCERS, -1));
    }
  }

  /** Runs a job over a 6-byte file on Spark and returns the settings its logic saw. */
  private Map<String, String> sparkSettingsDuring(EngineContext context) throws Exception {
    Path input = Files.writeString(dir.resolve("in.txt"), "a b a\n", StandardCharsets.UTF_8);
    Map<String, String> seen = new LinkedHashMap<>();
    SluiceJobTest.ScriptedJob job =
        new SluiceJobTest.ScriptedJob(
            run -> {
              RuntimeConfig conf = run.spark().conf();
              for (String key : List.of(PARTITIONS, WHOLE_STAGE, FACTORY)) {
                seen.put(key, conf.get(key));
              }
              return emptyOutput(run);
            });
    job.run(Engine.SPARK, parameters(job, input), context);
    return seen;
  }

  private String reducersDuringRun(EngineContext context, Path input) {
    String[] seen = new String[1];
    SluiceJobTest.ScriptedJob job =
        new SluiceJobTest.ScriptedJob(
            run -> {
              seen[0] = run.conf().get(InputSizing.REDUCERS);
              return emptyOutput(run);
            });
    job.run(Engine.MAPREDUCE, parameters(job, input), context);
    return seen[0];
  }

  private static RecordCounts emptyOutput(JobRun run) throws java.io.IOException {
    Files.createDirectories(Path.of(run.output().toUri().getPath()));
    return RecordCounts.allAccepted(0, 0);
  }

  private JobParameters parameters(SluiceJob job, Path input) {
    Map<String, String> raw = new LinkedHashMap<>();
    raw.put("input", input.toString());
    raw.put("output", dir.resolve("out-" + System.nanoTime()).toString());
    return JobParameters.of(job, raw);
  }
}
