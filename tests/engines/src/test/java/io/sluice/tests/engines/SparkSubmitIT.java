package io.sluice.tests.engines;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.jobs.Engine;
import io.sluice.jobs.EngineContext;
import io.sluice.jobs.JobRegistry;
import io.sluice.jobs.JobRunner;
import io.sluice.testing.SluiceProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipFile;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Spark WordCount's job jar run through Spark's real {@code SparkSubmit} main class, in a JVM
 * of its own, as {@code spark-submit --class ... --master local[2] app.jar args} runs it (in the
 * one submission of the catalog jobs, {@link SubmittedJobs}); a failing job fails its submission.
 */
class SparkSubmitIT {

  /** The lines {@link SubmittedJobs} gives the job jar's wordcount. */
  static final List<String> WORD_COUNT_LINES = WordCountReference.sampleLines(500);

  @TempDir Path dir;

  @Test
  void jobJarRunsUnderSparkSubmitAndMatchesMapReduce() throws Exception {
    Path appJar = TestEngines.appJar();
    assertTrue(Files.isRegularFile(appJar), "job jar not built: " + appJar);
    try (ZipFile jar = new ZipFile(appJar.toFile())) {
      // Thin: Spark and Hadoop come from spark-submit, not from the job jar.
      assertTrue(
          jar.getEntry("org/apache/spark/SparkContext.class") == null, "Spark inside the job jar");
      assertTrue(
          jar.getEntry("org/apache/hadoop/fs/FileSystem.class") == null,
          "Hadoop inside the job jar");
      assertTrue(
          jar.getEntry("io/sluice/storage/StorageUri.class") != null, "storage connectors missing");
    }

    SubmittedJobs.Submitted result = SubmittedJobs.of("wordcount");
    Path input = result.input();
    Path sparkOut = result.output();
    assertTrue(
        result.stdout().contains("wordcount [spark] done: read=500 accepted=500 rejected=0"),
        result.stdout());
    assertTrue(Files.exists(sparkOut.resolve("_SUCCESS")));

    Path mrOut = dir.resolve("mapreduce-out");
    try (EngineContext context =
        EngineContext.builder().hadoopConf(WordCountReference.localConf()).build()) {
      new JobRunner(JobRegistry.load())
          .run(
              "wordcount",
              Engine.MAPREDUCE,
              Map.of("input", input.toString(), "output", mrOut.toString()),
              context);
    }
    FileSystem local = FileSystem.getLocal(WordCountReference.localConf());
    byte[] fromSubmit =
        WordCountReference.partFiles(local, new org.apache.hadoop.fs.Path(sparkOut.toUri()));
    byte[] fromMapReduce =
        WordCountReference.partFiles(local, new org.apache.hadoop.fs.Path(mrOut.toUri()));
    assertTrue(fromSubmit.length > 0);
    assertArrayEquals(fromMapReduce, fromSubmit, "spark-submit output differs from MapReduce's");
  }

  @Test
  void badArgumentsFailTheSubmission() throws Exception {
    SluiceProcess.Result result =
        TestEngines.sparkSubmitLocal(
                TestEngines.appJar(),
                "wordcount",
                "--input",
                dir.resolve("missing").toString(),
                "--output",
                dir.resolve("o").toString())
            .workDir(dir)
            .timeoutSeconds(300)
            .run();
    assertTrue(result.exitCode() != 0, "a missing input must fail the submission");
    assertTrue(result.stderr().contains("input not found: --input"), result.stderr());
    assertTrue(Files.notExists(dir.resolve("o")));
  }
}
