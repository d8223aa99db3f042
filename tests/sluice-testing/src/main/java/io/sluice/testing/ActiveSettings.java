package io.sluice.testing;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;

/**
 * The Hadoop and Spark SQL settings of the fixtures running now (a MiniDFSCluster of the class, the
 * S3 bucket of the test...), by fixture. Jobs run through {@link Sluice} get them in their engine
 * context, and the shared Spark session carries them while the fixture runs ({@link SharedSpark}).
 *
 * <p>JVM-wide because the Spark session is: tests that use the harness run one at a time in a JVM.
 */
final class ActiveSettings {

  private record Contribution(Map<String, String> hadoop, Map<String, String> sparkSql) {}

  private static final Map<String, Contribution> BY_FIXTURE = new LinkedHashMap<>();

  private ActiveSettings() {}

  /**
   * Adds (or replaces) what one fixture contributes and brings a running Spark session up to date.
   */
  static void add(String fixture, Map<String, String> hadoop, Map<String, String> sparkSql) {
    synchronized (ActiveSettings.class) {
      BY_FIXTURE.put(fixture, new Contribution(Map.copyOf(hadoop), Map.copyOf(sparkSql)));
    }
    SharedSpark.syncSettings();
  }

  /** Removes a stopped fixture's settings; the Spark session gets back the values it had before. */
  static void remove(String fixture) {
    synchronized (ActiveSettings.class) {
      BY_FIXTURE.remove(fixture);
    }
    SharedSpark.syncSettings();
  }

  /** Hadoop settings of every running fixture, later fixtures winning. */
  static synchronized Map<String, String> hadoop() {
    Map<String, String> merged = new LinkedHashMap<>();
    BY_FIXTURE.values().forEach(c -> merged.putAll(c.hadoop()));
    return merged;
  }

  /** Runtime Spark SQL settings of every running fixture (e.g. the S3A commit protocol). */
  static synchronized Map<String, String> sparkSql() {
    Map<String, String> merged = new LinkedHashMap<>();
    BY_FIXTURE.values().forEach(c -> merged.putAll(c.sparkSql()));
    return merged;
  }

  /**
   * Hadoop's local job runner plus the settings of every running fixture: what runs and test I/O
   * use.
   */
  static Configuration hadoopConf() {
    Configuration conf = new Configuration();
    conf.set("mapreduce.framework.name", "local");
    hadoop().forEach(conf::set);
    return conf;
  }
}
