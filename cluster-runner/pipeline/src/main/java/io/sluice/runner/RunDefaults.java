package io.sluice.runner;

import io.sluice.jobs.EngineContext;
import io.sluice.storage.StorageConfig;
import java.nio.file.Path;
import java.util.Map;

/** The embedded default runtime's settings, in one place. */
public final class RunDefaults {
  /** Spark in this JVM, one thread per core. */
  public static final String SPARK_MASTER = "local[*]";

  /**
   * Small data on one machine: a few shuffle partitions, not Spark's 200. The session starts with
   * this many; each job then gets {@link io.sluice.jobs.InputSizing#shufflePartitions} for its
   * input bytes, at most this many (one for inputs up to 64 MiB).
   */
  public static final String SHUFFLE_PARTITIONS = "8";

  /** Anything that listens binds loopback unless told otherwise. */
  public static final String BIND_ADDRESS = "127.0.0.1";

  private RunDefaults() {}

  /**
   * Whether {@code master} runs the executors in the driver's JVM ({@code local}, {@code
   * local[N]}).
   */
  static boolean inThisJvm(String master) {
    return master != null && (master.equals("local") || master.startsWith("local["));
  }

  /**
   * The engines a CLI command starts: Spark on {@code master} (no UI, loopback, few shuffle
   * partitions), the site files' Hadoop settings, the storage settings, {@code conf} entries
   * ({@code spark.*} to Spark, the rest to Hadoop) and last the {@code -D} settings, as Hadoop's -D
   * wins over everything. Shuffle partitions, code generation and reducers are sized from each
   * job's input ({@link EngineContext#sizeFor}) unless {@code conf}, {@code -D} or a site file sets
   * them.
   */
  public static EngineContext.Builder engineContext(
      String master,
      String appName,
      boolean consoleProgress,
      HadoopSiteConfiguration site,
      StorageConfig storage,
      Map<String, String> conf) {
    EngineContext.Builder context =
        EngineContext.builder()
            .sparkMaster(master)
            .sparkConf("spark.app.name", appName)
            .sparkConf("spark.ui.enabled", "false")
            .sparkConf("spark.ui.showConsoleProgress", Boolean.toString(consoleProgress))
            .sparkDefault("spark.sql.shuffle.partitions", SHUFFLE_PARTITIONS)
            .sizedFromInput(
                Integer.parseInt(SHUFFLE_PARTITIONS), Runtime.getRuntime().availableProcessors())
            .sparkConf("spark.driver.host", BIND_ADDRESS)
            .sparkConf("spark.driver.bindAddress", BIND_ADDRESS);
    if (inThisJvm(master)) {
      // Local mode's executor is this JVM: a broadcast's blocks (the Hadoop configuration, each
      // task's binary) never cross a network, so compressing them only costs CPU, 0.1-0.2 s of a
      // tiny run (docs/BENCHMARKS.md, "Session 17"). A user's or site file's setting still wins.
      context.sparkDefault("spark.broadcast.compress", "false");
    }
    site.siteSettings().forEach(context::hadoopSetting);
    storage.hadoopSettings().forEach(context::hadoopSetting);
    // The S3A directory committer's shared staging area defaults to tmp/staging on the default file
    // system, i.e. the working directory for local runs; keep it out of the user's way.
    context.hadoopSetting(
        "fs.s3a.committer.staging.tmp.path",
        Path.of(System.getProperty("java.io.tmpdir"), "sluice-s3a-staging").toUri().toString());
    storage.sparkSettings().forEach(context::sparkConf);
    if (conf != null) {
      conf.forEach(
          (k, v) -> {
            if (k.startsWith("spark.")) {
              context.sparkConf(k, v);
            } else {
              context.hadoopSetting(k, v);
            }
          });
    }
    site.defines().forEach(context::hadoopSetting);
    return context;
  }
}
