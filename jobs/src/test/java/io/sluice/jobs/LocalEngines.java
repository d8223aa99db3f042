package io.sluice.jobs;

import org.apache.hadoop.conf.Configuration;

/**
 * The engines the jobs' unit tests run on: Hadoop's local job runner and Spark {@code local[2]},
 * small and on loopback. Each test class builds one context in {@code @BeforeAll} and closes it in
 * {@code @AfterAll}, so the class shares one Spark session (started on first use).
 */
public final class LocalEngines {

  private LocalEngines() {}

  public static EngineContext context() {
    return builder().sparkConf("spark.sql.shuffle.partitions", "4").build();
  }

  /**
   * The engines sized from the input as {@code bin/sluice run} sizes them (at most 8 shuffle
   * partitions, 2 cores), without the user jars' session extensions.
   */
  public static EngineContext sizedFromInput() {
    return builder().jarExtensions(false).sizedFromInput(8, 2).build();
  }

  /** The same engines before a shuffle-partition setting, for tests that set their own. */
  public static EngineContext.Builder builder() {
    Configuration conf = new Configuration();
    conf.set("mapreduce.framework.name", "local");
    return EngineContext.builder()
        .hadoopConf(conf)
        .sparkMaster("local[2]")
        .sparkConf("spark.ui.enabled", "false")
        .sparkConf("spark.driver.host", "127.0.0.1")
        .sparkConf("spark.driver.bindAddress", "127.0.0.1");
  }
}
