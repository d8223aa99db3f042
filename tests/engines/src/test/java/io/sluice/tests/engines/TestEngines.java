package io.sluice.tests.engines;

import io.sluice.jobs.EngineContext;
import org.apache.hadoop.conf.Configuration;

/** The engines every integration test runs on: Hadoop's local runner and Spark local[2], small and on loopback. */
final class TestEngines {

  private TestEngines() {}

  /** A builder for local engines over the given Hadoop configuration; callers may add settings. */
  static EngineContext.Builder local(Configuration hadoopConf) {
    return EngineContext.builder()
        .hadoopConf(hadoopConf)
        .sparkMaster("local[2]")
        .sparkConf("spark.ui.enabled", "false")
        .sparkConf("spark.sql.shuffle.partitions", "4")
        .sparkConf("spark.driver.host", "127.0.0.1")
        .sparkConf("spark.driver.bindAddress", "127.0.0.1");
  }
}
