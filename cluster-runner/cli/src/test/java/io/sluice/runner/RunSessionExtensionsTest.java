package io.sluice.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.jobs.userjar.UserJobJar;
import io.sluice.testing.SluiceProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sluice run} of a catalog job starts Spark without the session extensions jars declare
 * (MLlib's function registration, whose set-up was a tenth of a tiny run's CPU), while a run with
 * user jars keeps them, as their jobs may call those functions. Seen from the classes the child JVM
 * loads.
 */
class RunSessionExtensionsTest {

  private static final String MLLIB_EXTENSION =
      "org.apache.spark.sql.ml.InternalFunctionRegistration";

  @TempDir Path dir;

  @Test
  void aCatalogJobRunsWithoutThem() throws Exception {
    assertEquals(List.of(), mllibExtensionClasses(List.of()));
  }

  @Test
  void aRunWithUserJarsKeepsThem() throws Exception {
    Path jar = UserJobJar.letters("letters", "LetterCount").build(dir.resolve("letter-jobs.jar"));
    assertFalse(mllibExtensionClasses(List.of("--jar", jar.toString())).isEmpty());
  }

  /**
   * The MLlib extension's classes a Spark WordCount loads, given these options before the job. Two
   * output partitions take Spark SQL's plan, so a session is built (one output partition of a tiny
   * input runs on a bare SparkContext, with no session to extend).
   */
  private List<String> mllibExtensionClasses(List<String> before) throws Exception {
    Path input = Files.writeString(dir.resolve("in.txt"), "to be or not to be\n");
    Path classes = dir.resolve("classes.log");
    Path output = dir.resolve("out");
    List<String> args = new ArrayList<>(List.of("run"));
    args.addAll(before);
    args.addAll(
        List.of(
            "wordcount",
            "--engine",
            "spark",
            "--input",
            input.toString(),
            "--reducers",
            "2",
            "--output",
            output.toString()));
    SluiceProcess.Result run =
        CliChild.sluice(args.toArray(String[]::new))
            .jvmOptions("-Xlog:class+load=info:file=" + classes)
            .env("SPARK_LOCAL_IP", "127.0.0.1")
            .timeout(Duration.ofMinutes(3))
            .run();
    assertEquals(0, run.exitCode(), run.all());
    assertTrue(Files.isDirectory(output), run.all());
    try (var lines = Files.lines(classes)) {
      return lines.filter(l -> l.contains(MLLIB_EXTENSION)).toList();
    }
  }
}
