package io.sluice.testing;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.RuntimeConfig;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one Spark session of the JVM: {@code local[2]}, 4 shuffle partitions, no UI, the driver on
 * 127.0.0.1. It is started on first request and stopped when JUnit closes its root store (the end
 * of the test run); a session somebody stopped is replaced by a new one on the next request.
 *
 * <p>While fixtures run, their settings ({@link ActiveSettings}) are set on the session's Hadoop
 * configuration (what Spark jobs read and write with) and its runtime SQL configuration; when a
 * fixture stops, each setting gets back the value it had before.
 */
final class SharedSpark {

  private static final Logger LOG = LoggerFactory.getLogger(SharedSpark.class);

  static final String MASTER = "local[2]";

  /**
   * The session's settings: those the design notes fix for every Spark test, and small limits on
   * the job, stage, task and SQL history Spark keeps in memory (even without a UI), which would
   * otherwise grow with every test of a long run.
   */
  static final Map<String, String> SPARK_CONF;

  static {
    Map<String, String> conf = new LinkedHashMap<>();
    conf.put("spark.ui.enabled", "false");
    conf.put("spark.sql.shuffle.partitions", "4");
    conf.put("spark.driver.host", "127.0.0.1");
    conf.put("spark.driver.bindAddress", "127.0.0.1");
    conf.put("spark.ui.retainedJobs", "100");
    conf.put("spark.ui.retainedStages", "100");
    conf.put("spark.ui.retainedTasks", "10000");
    conf.put("spark.sql.ui.retainedExecutions", "100");
    SPARK_CONF = Collections.unmodifiableMap(conf);
  }

  private static SparkSession session;

  /** Values the fixtures' settings replaced, to put back when they stop (empty: was not set). */
  private static final Map<String, Optional<String>> HADOOP_BEFORE = new LinkedHashMap<>();

  private static final Map<String, Optional<String>> SQL_BEFORE = new LinkedHashMap<>();

  private SharedSpark() {}

  /** The session, started if it is not running, with the running fixtures' settings. */
  static synchronized SparkSession session() {
    if (session == null || session.sparkContext().isStopped()) {
      HADOOP_BEFORE.clear();
      SQL_BEFORE.clear();
      long start = System.nanoTime();
      SparkSession.Builder builder =
          SparkSession.builder().master(MASTER).appName("sluice-testing");
      SPARK_CONF.forEach(builder::config);
      session = builder.getOrCreate();
      LOG.info(
          "shared Spark session ({}) started in {} ms",
          MASTER,
          (System.nanoTime() - start) / 1_000_000);
    }
    applySettings();
    return session;
  }

  /** Whether the session is up (a MapReduce run does not start it). */
  static synchronized boolean isRunning() {
    return session != null && !session.sparkContext().isStopped();
  }

  /** Brings a running session's settings in line with {@link ActiveSettings}. */
  static synchronized void syncSettings() {
    if (isRunning()) {
      applySettings();
    }
  }

  private static void applySettings() {
    Configuration hadoop = session.sparkContext().hadoopConfiguration();
    Map<String, String> wantedHadoop = ActiveSettings.hadoop();
    for (var it = HADOOP_BEFORE.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<String, Optional<String>> before = it.next();
      if (!wantedHadoop.containsKey(before.getKey())) {
        before
            .getValue()
            .ifPresentOrElse(
                v -> hadoop.set(before.getKey(), v), () -> hadoop.unset(before.getKey()));
        it.remove();
      }
    }
    wantedHadoop.forEach(
        (key, value) -> {
          HADOOP_BEFORE.computeIfAbsent(key, k -> Optional.ofNullable(hadoop.getRaw(k)));
          hadoop.set(key, value);
        });

    RuntimeConfig sql = session.conf();
    Map<String, String> wantedSql = ActiveSettings.sparkSql();
    for (var it = SQL_BEFORE.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<String, Optional<String>> before = it.next();
      if (!wantedSql.containsKey(before.getKey())) {
        before
            .getValue()
            .ifPresentOrElse(v -> sql.set(before.getKey(), v), () -> sql.unset(before.getKey()));
        it.remove();
      }
    }
    wantedSql.forEach(
        (key, value) -> {
          SQL_BEFORE.computeIfAbsent(
              key, k -> sql.contains(k) ? Optional.of(sql.get(k)) : Optional.empty());
          sql.set(key, value);
        });
  }

  static synchronized void stop() {
    if (session != null) {
      if (!session.sparkContext().isStopped()) {
        session.stop();
        LOG.info("shared Spark session stopped");
      }
      session = null;
      HADOOP_BEFORE.clear();
      SQL_BEFORE.clear();
    }
  }

  /**
   * Kept in JUnit's root store: stops the session when the test run ends. Both interfaces, so JUnit
   * before and after 5.13 (which closes AutoCloseable values) each close it once.
   */
  @SuppressWarnings("deprecation")
  static final class StopAtEnd implements ExtensionContext.Store.CloseableResource, AutoCloseable {
    @Override
    public void close() {
      SharedSpark.stop();
    }
  }
}
