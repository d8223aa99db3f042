package io.sluice.ml;

import org.apache.spark.sql.SparkSession;

/**
 * The one local Spark session of this module's test JVM: the test classes share it instead of each
 * starting and stopping its own (seconds each on two cores). Spark stops it at JVM exit.
 */
final class LocalSpark {

  private static SparkSession session;

  private LocalSpark() {}

  static synchronized SparkSession session() {
    if (session == null) {
      session =
          SparkSession.builder()
              .master("local[2]")
              .appName("ml-pipeline tests")
              .config("spark.ui.enabled", "false")
              .config("spark.sql.shuffle.partitions", "4")
              .config("spark.driver.host", "127.0.0.1")
              .config("spark.driver.bindAddress", "127.0.0.1")
              .getOrCreate();
    }
    return session;
  }
}
