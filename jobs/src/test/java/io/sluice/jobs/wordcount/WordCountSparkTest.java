package io.sluice.jobs.wordcount;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sluice.jobs.EngineContext;
import io.sluice.storage.StorageUri;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * WordCount's Spark SQL plan on {@code local[2]}: more output partitions than one come out sorted
 * across partitions (one output partition of a small input runs on RDDs: {@link WordCountRddTest}).
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
  void morePartitionsAreSortedAcrossPartitions() {
    List<Row> rows = WordCountSpark.counts(context.spark(), input, 3).collectAsList();
    assertEquals("[[a,2], [b,3], [c,1], [z,1], [zürich,1], [Århus,1]]", rows.toString());
  }
}
