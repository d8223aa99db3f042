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
 * The Spark WordCount's job jar run through Spark's real {@code SparkSubmit} main class, in its own
 * JVM, exactly as {@code spark-submit --class ... --master local[2] app.jar args} runs it.
 */
class SparkSubmitIT {

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

    List<String> lines = WordCountReference.sampleLines(500);
    Path input = dir.resolve("in.txt");
    Files.write(input, lines);
    Path sparkOut = dir.resolve("spark-submit-out");

    SluiceProcess.Result result =
        TestEngines.submitLocalSucceeds(
            appJar, dir, "wordcount", "--input", input.toString(), "--output", sparkOut.toString());
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
    Path appJar = TestEngines.appJar();
    SluiceProcess.Result result =
        TestEngines.sparkSubmit(
                "--class",
                "io.sluice.jobs.spark.SparkJobMain",
                "--master",
                "local[1]",
                appJar.toString(),
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
