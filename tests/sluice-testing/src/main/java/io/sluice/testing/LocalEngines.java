package io.sluice.testing;

import io.sluice.jobs.EngineContext;
import org.apache.hadoop.conf.Configuration;

/**
 * Engines with the harness's settings (Hadoop's local runner, Spark local[2], no UI, 4 shuffle
 * partitions, loopback) for a test that cannot use the shared session, e.g. one whose process
 * already started Spark of its own.
 */
public final class LocalEngines {

  private LocalEngines() {}

  /** A builder over {@code hadoopConf}; callers may add settings before building. */
  public static EngineContext.Builder builder(Configuration hadoopConf) {
    EngineContext.Builder builder =
        EngineContext.builder().hadoopConf(hadoopConf).sparkMaster(SharedSpark.MASTER);
    SharedSpark.SPARK_CONF.forEach(builder::sparkConf);
    return builder;
  }
}
