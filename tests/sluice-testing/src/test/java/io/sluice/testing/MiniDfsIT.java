package io.sluice.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.jobs.Engine;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** One MiniDFSCluster per class: the @BeforeAll method and both tests get the same one. */
@SluiceTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MiniDfsIT {

  private static MiniDfs fromBeforeAll;
  private static MiniDfs fromFirstTest;
  private static int firstPort;

  @BeforeAll
  static void writeInput(MiniDfs dfs) throws Exception {
    fromBeforeAll = dfs;
    try (FSDataOutputStream out = dfs.fileSystem().create(new Path("/in/words.txt"))) {
      out.write("b a\na\n".getBytes(StandardCharsets.UTF_8));
    }
  }

  @Test
  @Order(1)
  void startedOnceForTheClassOnLoopback(MiniDfs dfs) throws Exception {
    fromFirstTest = dfs;
    firstPort = dfs.nameNodePort();
    assertSame(fromBeforeAll, dfs);
    assertTrue(dfs.uri().matches("hdfs://127\\.0\\.0\\.1:\\d+"), dfs.uri());
    assertEquals("hdfs://127.0.0.1:" + firstPort + "/in", dfs.uri("/in"));
    assertEquals(dfs.uri(), dfs.conf().get("fs.defaultFS"));
    assertTrue(dfs.fileSystem().exists(new Path("/in/words.txt")));
    assertSame(dfs.fileSystem(), dfs.fileSystem());
  }

  @Test
  @Order(2)
  void theSecondTestGetsTheSameClusterAndItsFiles(MiniDfs dfs) throws Exception {
    assertSame(fromFirstTest, dfs);
    assertEquals(firstPort, dfs.nameNodePort());
    assertTrue(
        dfs.fileSystem().exists(new Path("/in/words.txt")),
        "files live as long as the class's cluster");
  }

  @Test
  @Order(3)
  void jobsOnBothEnginesReadAndWriteIt(MiniDfs dfs, Sluice sluice, SparkSession spark) {
    SessionsSeen.record(getClass().getSimpleName(), spark);
    WordCountOnBothEngines.run(sluice, path -> dfs.uri("/" + path));
    assertEquals(
        "1",
        spark.sparkContext().hadoopConfiguration().get("dfs.replication"),
        "the cluster's settings are on the shared session while it runs");
    assertEquals(2, spark.read().text(dfs.uri("/out-" + Engine.SPARK)).count());
  }
}
