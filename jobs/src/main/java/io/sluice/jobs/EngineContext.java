package io.sluice.jobs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a job runs: the Hadoop configuration (local runner, a mini-cluster or a real cluster) and,
 * for Spark jobs, the session. The session is created on first use, so MapReduce runs never start
 * Spark.
 */
public final class EngineContext implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EngineContext.class);
  private static final String SPARK_JARS = "spark.jars";

  private final Configuration hadoopConf;
  private final Map<String, String> hadoopSettings;
  private final String sparkMaster;
  private final Map<String, String> sparkConf;
  private final List<String> sparkJars;
  private SparkSession session;
  private final boolean ownsSession;

  private EngineContext(Builder builder) {
    this.hadoopConf = new Configuration(builder.hadoopConf);
    builder.hadoopSettings.forEach(hadoopConf::set);
    this.hadoopSettings = Map.copyOf(builder.hadoopSettings);
    this.sparkMaster = builder.sparkMaster;
    this.sparkConf = Map.copyOf(builder.sparkConf);
    this.sparkJars = List.copyOf(builder.sparkJars);
    this.session = builder.session;
    this.ownsSession = builder.session == null;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A context around a session somebody else started, e.g. {@code spark-submit}. */
  public static EngineContext of(SparkSession session) {
    return builder()
        .sparkSession(session)
        .hadoopConf(session.sparkContext().hadoopConfiguration())
        .build();
  }

  /**
   * A fresh copy of the Hadoop configuration, for a job to adjust. While a job from a user's jar
   * runs ({@link JobRunner} makes its loader the context loader), the copy loads classes through
   * that loader, so the local job runner finds the job's mapper and reducer classes.
   */
  public Configuration hadoopConf() {
    Configuration copy = new Configuration(hadoopConf);
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    if (context != null
        && context != copy.getClassLoader()
        && JobRunner.descendsFrom(context, copy.getClassLoader())) {
      copy.setClassLoader(context);
    }
    return copy;
  }

  /** The Spark session, started on first use. */
  public synchronized SparkSession spark() {
    if (session == null) {
      SparkSession.Builder b = SparkSession.builder().appName("sluice");
      if (sparkMaster != null) {
        b.master(sparkMaster);
      }
      // Settings given for Hadoop (fs.defaultFS, S3A endpoints...) reach Spark as spark.hadoop.*.
      hadoopSettings.forEach((k, v) -> b.config("spark.hadoop." + k, v));
      sparkConf.forEach(b::config);
      if (!sparkJars.isEmpty()) {
        // The user's jars reach the executors (and local mode's) beside any spark.jars given as a
        // setting.
        String given = sparkConf.getOrDefault(SPARK_JARS, "");
        b.config(SPARK_JARS, (given.isBlank() ? "" : given + ",") + String.join(",", sparkJars));
      }
      LOG.info(
          "starting Spark (master {})", sparkMaster == null ? "from spark-submit" : sparkMaster);
      session = b.getOrCreate();
    }
    return session;
  }

  @Override
  public synchronized void close() {
    if (session != null && ownsSession) {
      session.stop();
      session = null;
    }
  }

  /** Builds an {@link EngineContext}. */
  public static final class Builder {
    private Configuration hadoopConf = new Configuration();
    private final Map<String, String> hadoopSettings = new LinkedHashMap<>();
    private String sparkMaster;
    private final Map<String, String> sparkConf = new LinkedHashMap<>();
    private final List<String> sparkJars = new ArrayList<>();
    private SparkSession session;

    /** The base Hadoop configuration MapReduce jobs submit with (e.g. a mini-cluster's). */
    public Builder hadoopConf(Configuration conf) {
      this.hadoopConf = new Configuration(Objects.requireNonNull(conf));
      return this;
    }

    /**
     * A Hadoop setting for both engines: set on the configuration and passed to Spark as
     * spark.hadoop.*.
     */
    public Builder hadoopSetting(String key, String value) {
      hadoopSettings.put(key, value);
      return this;
    }

    /** The Spark master, e.g. {@code local[2]}; null leaves it to spark-submit. */
    public Builder sparkMaster(String master) {
      this.sparkMaster = master;
      return this;
    }

    public Builder sparkConf(String key, String value) {
      sparkConf.put(key, value);
      return this;
    }

    /**
     * Jars the session ships to its executors ({@code spark.jars}), e.g. a user's job jars; added
     * to any {@code spark.jars} setting rather than replacing it.
     */
    public Builder sparkJars(List<String> uris) {
      for (String uri : uris) {
        if (!sparkJars.contains(uri)) {
          sparkJars.add(uri);
        }
      }
      return this;
    }

    public Builder sparkSession(SparkSession existing) {
      this.session = existing;
      return this;
    }

    public EngineContext build() {
      return new EngineContext(this);
    }
  }
}
