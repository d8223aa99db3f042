package io.sluice.jobs.wordcount;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sluice.jobs.EngineContext;
import io.sluice.storage.StorageUri;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stages WordCount's Spark plan runs on {@code local[2]} with one shuffle partition (a small
 * input's): one output partition takes one shuffle (the scan and tally stage, then the sum and sort
 * stage) and no sampling job; more partitions still come out sorted across partitions.
 */
class WordCountSparkTest {

  private static EngineContext context;

  @TempDir static Path dir;

  private static StorageUri input;

  @BeforeAll
  static void setUp() throws IOException {
    context =
        EngineContext.builder()
            .sparkMaster("local[2]")
            .sparkConf("spark.ui.enabled", "false")
            .sparkConf("spark.driver.host", "127.0.0.1")
            .sparkConf("spark.driver.bindAddress", "127.0.0.1")
            .sparkConf("spark.sql.shuffle.partitions", "1")
            .build();
    Path in = dir.resolve("in");
    Files.createDirectories(in);
    Files.writeString(in.resolve("a.txt"), "b a\tc\nzürich b\n", StandardCharsets.UTF_8);
    Files.writeString(in.resolve("b.txt"), "Århus a  z\n\nb\n", StandardCharsets.UTF_8);
    input = StorageUri.parse(in.toString());
  }

  @AfterAll
  static void stopEngines() {
    context.close();
  }

  @Test
  void onePartitionRunsOneShuffleAndNoSamplingJob() throws TimeoutException {
    SparkSession spark = context.spark();
    StageCounter stages = new StageCounter();
    spark.sparkContext().addSparkListener(stages);
    List<Row> rows;
    try {
      rows = WordCountSpark.counts(spark, input, 1).collectAsList();
      spark.sparkContext().listenerBus().waitUntilEmpty(60_000);
    } finally {
      spark.sparkContext().removeSparkListener(stages);
    }
    assertEquals("[[a,2], [b,3], [c,1], [z,1], [zürich,1], [Århus,1]]", rows.toString());
    // Map stage and result stage of one shuffle; a second shuffle or a sample would add stages.
    assertEquals(2, stages.submitted.get(), "stages submitted");
  }

  @Test
  void morePartitionsAreSortedAcrossPartitions() {
    List<Row> rows = WordCountSpark.counts(context.spark(), input, 3).collectAsList();
    assertEquals("[[a,2], [b,3], [c,1], [z,1], [zürich,1], [Århus,1]]", rows.toString());
  }

  private static final class StageCounter extends SparkListener {
    final AtomicInteger submitted = new AtomicInteger();

    @Override
    public void onStageSubmitted(SparkListenerStageSubmitted event) {
      submitted.incrementAndGet();
    }
  }
}
