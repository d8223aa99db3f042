package io.sluice.bench;

import org.apache.spark.sql.SparkSession;

/** The benchmarks' in-process Spark session: no UI, driver bound to loopback only. */
final class LoopbackSparkSession {
  private LoopbackSparkSession() {}

  /** A builder for {@code master} named {@code appName}; callers add their own settings. */
  static SparkSession.Builder builder(String master, String appName) {
    return SparkSession.builder()
        .master(master)
        .appName(appName)
        .config("spark.ui.enabled", "false")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1");
  }
}
