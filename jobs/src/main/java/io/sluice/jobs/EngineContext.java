package io.sluice.jobs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkContext;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a job runs: the Hadoop configuration (local runner, a mini-cluster or a real cluster) and,
 * for Spark jobs, the session. The session is created on first use, so MapReduce runs never start
 * Spark; a job on RDDs alone gets a bare SparkContext ({@link #sparkContext()}), and the session is
 * built on that context only if something asks for {@link #spark()}.
 */
public final class EngineContext implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EngineContext.class);
  private static final String SPARK_JARS = "spark.jars";

  private final Configuration hadoopConf;
  private final Map<String, String> hadoopSettings;
  private final String sparkMaster;
  private final Map<String, String> sparkConf;
  private final List<String> sparkJars;
  private final Map<String, String> sparkDefaults;
  private final int maxShufflePartitions;
  private final int maxReducers;
  private SparkSession session;
  // A context started for RDDs alone, before (or without) any session: Spark SQL's session, its
  // extensions and SQLConf (0.2 s of a tiny run) are built on it only when spark() is asked for.
  private SparkContext bareContext;
  private final boolean ownsSession;
  private final boolean jarExtensions;
  // Whether the session's Spark SQL side may be in use: spark() handed it out, or somebody else
  // started the session. Until then its SQL state is not built and sized settings stay pending.
  private boolean sqlInUse;
  // The settings sized for the running job (key -> value), applied when the session starts.
  private Map<String, String> sizedPending = Map.of();
  // What the sized settings replaced in the session (key -> earlier value, null: unset).
  private final Map<String, String> sizedReplaced = new LinkedHashMap<>();

  private EngineContext(Builder builder) {
    this.hadoopConf = new Configuration(builder.hadoopConf);
    builder.hadoopSettings.forEach(hadoopConf::set);
    this.hadoopSettings = Map.copyOf(builder.hadoopSettings);
    this.sparkMaster = builder.sparkMaster;
    this.sparkConf = Map.copyOf(builder.sparkConf);
    this.sparkJars = List.copyOf(builder.sparkJars);
    this.sparkDefaults = Map.copyOf(builder.sparkDefaults);
    this.maxShufflePartitions = builder.maxShufflePartitions;
    this.maxReducers = builder.maxReducers;
    this.session = builder.session;
    this.ownsSession = builder.session == null;
    this.sqlInUse = !ownsSession;
    this.jarExtensions = builder.jarExtensions;
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

  /**
   * The Spark session, started on first use, with the running job's sized SQL settings applied
   * (which builds the session's SQL state).
   */
  public synchronized SparkSession spark() {
    if (session == null && bareContext != null) {
      session =
          ClassicSessionStart.onContext(bareContext, sparkMaster, sparkSettings(), jarExtensions);
    }
    startSession();
    if (!sqlInUse) {
      sqlInUse = true;
      applySized(sizedPending);
      sizedPending = Map.of();
    }
    return session;
  }

  /**
   * The SparkContext, for a job that works on RDDs alone: started with the settings the session
   * would start with, but without the session (its extensions, {@code SQLConf}, its SQL state:
   * catalog, analyser, planner); the sized SQL settings wait until somebody asks for {@link
   * #spark()}, which builds the session on this context.
   */
  public synchronized SparkContext sparkContext() {
    if (session != null) {
      return session.sparkContext();
    }
    if (bareContext == null) {
      logStart();
      bareContext = ClassicSessionStart.startContext(sparkMaster, sparkSettings());
    }
    return bareContext;
  }

  /**
   * The shuffle partitions Spark SQL plans with for the running job ({@code
   * SQLConf.numShufflePartitions}: the sized or given setting, or adaptive execution's initial
   * number). Before {@link #spark()} it is worked out as the session's SQL state would be built
   * (the SparkContext's settings, then the sized ones), without building it.
   */
  public synchronized int sqlShufflePartitions() {
    if (sqlInUse) {
      return session.sessionState().conf().numShufflePartitions();
    }
    // The builder's settings are the session's initial options, applied after the context's.
    Map<String, String> sessionSettings = sparkSettings();
    sessionSettings.putAll(sizedPending);
    return ShufflePartitions.planned(sparkContext(), sessionSettings);
  }

  private SparkSession startSession() {
    if (session == null) {
      logStart();
      session = ClassicSessionStart.start(sparkMaster, sparkSettings(), jarExtensions);
    }
    return session;
  }

  private void logStart() {
    LOG.info("starting Spark (master {})", sparkMaster == null ? "from spark-submit" : sparkMaster);
  }

  /** What the session starts with, in the order later settings win. */
  private Map<String, String> sparkSettings() {
    Map<String, String> settings = new LinkedHashMap<>();
    // Settings given for Hadoop (fs.defaultFS, S3A endpoints...) reach Spark as spark.hadoop.*.
    hadoopSettings.forEach((k, v) -> settings.put("spark.hadoop." + k, v));
    settings.putAll(sparkDefaults);
    settings.putAll(sparkConf);
    if (!sparkJars.isEmpty()) {
      // The user's jars reach the executors (and local mode's) beside any spark.jars given as a
      // setting.
      String given = sparkConf.getOrDefault(SPARK_JARS, "");
      settings.put(SPARK_JARS, (given.isBlank() ? "" : given + ",") + String.join(",", sparkJars));
    }
    return settings;
  }

  /**
   * Sizes the engine for a job that reads {@code inputBytes} ({@link InputSizing}), when this
   * context was built with {@link Builder#sizedFromInput}: the Spark SQL settings go to the session
   * (now, or when it starts) until the returned handle closes; the MapReduce reducers go into the
   * job's configuration {@code runConf}. A setting the user gave ({@code --conf}, {@code -D}, a
   * site file, a {@code -Dspark.*} system property) is never replaced.
   */
  public synchronized SizedRun sizeFor(Engine engine, long inputBytes, Configuration runConf) {
    if (maxShufflePartitions < 1) {
      return SizedRun.NONE;
    }
    if (engine == Engine.MAPREDUCE) {
      if (!setByUser(runConf, InputSizing.REDUCERS)) {
        runConf.setInt(InputSizing.REDUCERS, InputSizing.reducers(inputBytes, maxReducers));
      }
      return SizedRun.NONE;
    }
    Map<String, String> settings = new LinkedHashMap<>();
    InputSizing.spark(inputBytes, maxShufflePartitions)
        .forEach(
            (key, value) -> {
              if (!sparkConf.containsKey(key) && System.getProperty(key) == null) {
                settings.put(key, value);
              }
            });
    LOG.debug("settings for {} input bytes: {}", inputBytes, settings);
    if (sqlInUse) {
      applySized(settings);
    } else {
      sizedPending = settings;
    }
    return this::restoreSized;
  }

  /** A Hadoop key is the user's unless only Hadoop's *-default.xml files name it. */
  private static boolean setByUser(Configuration conf, String key) {
    String[] sources = conf.getPropertySources(key);
    if (sources == null) {
      return false;
    }
    for (String source : sources) {
      if (!source.endsWith("-default.xml")) {
        return true;
      }
    }
    return false;
  }

  private void applySized(Map<String, String> settings) {
    settings.forEach(
        (key, value) -> {
          if (!sizedReplaced.containsKey(key)) {
            scala.Option<String> earlier = session.conf().getOption(key);
            sizedReplaced.put(key, earlier.isDefined() ? earlier.get() : null);
          }
          session.conf().set(key, value);
        });
  }

  /** Puts back what the sized settings replaced, so the next job (or ML step) starts clean. */
  private synchronized void restoreSized() {
    sizedPending = Map.of();
    if (session != null) {
      sizedReplaced.forEach(
          (key, earlier) -> {
            if (earlier == null) {
              session.conf().unset(key);
            } else {
              session.conf().set(key, earlier);
            }
          });
    }
    sizedReplaced.clear();
  }

  /** The end of a job's sized settings. */
  @FunctionalInterface
  public interface SizedRun extends AutoCloseable {
    /** Nothing sized, nothing to put back. */
    SizedRun NONE = () -> {};

    @Override
    void close();
  }

  @Override
  public synchronized void close() {
    if (session != null && ownsSession) {
      session.stop();
      session = null;
      sqlInUse = false;
    } else if (bareContext != null) {
      bareContext.stop();
    }
    bareContext = null;
  }

  /** Builds an {@link EngineContext}. */
  public static final class Builder {
    private Configuration hadoopConf = new Configuration();
    private final Map<String, String> hadoopSettings = new LinkedHashMap<>();
    private String sparkMaster;
    private final Map<String, String> sparkConf = new LinkedHashMap<>();
    private final List<String> sparkJars = new ArrayList<>();
    private final Map<String, String> sparkDefaults = new LinkedHashMap<>();
    private int maxShufflePartitions;
    private int maxReducers;
    private SparkSession session;
    private boolean jarExtensions = true;

    /**
     * Whether the session loads the extensions jars declare ({@code
     * META-INF/services/org.apache.spark.sql.SparkSessionExtensionsProvider}; on our classpath only
     * MLlib's, which registers the SQL functions {@code vector_to_array}, {@code array_to_vector}
     * and {@code aggregate_metrics}). Extensions named by {@code spark.sql.extensions} load either
     * way. A run whose code needs none of them (a catalog job) skips their start-up cost.
     */
    public Builder jarExtensions(boolean load) {
      this.jarExtensions = load;
      return this;
    }

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

    /** A Spark setting of the user's (or the caller's): nothing replaces it. */
    public Builder sparkConf(String key, String value) {
      sparkConf.put(key, value);
      return this;
    }

    /**
     * A Spark setting the session starts with unless {@link #sparkConf} sets it too; sized settings
     * ({@link #sizedFromInput}) may replace it for a job.
     */
    public Builder sparkDefault(String key, String value) {
      sparkDefaults.put(key, value);
      return this;
    }

    /**
     * Lets {@link EngineContext#sizeFor} choose shuffle partitions (at most {@code
     * maxShufflePartitions}), code generation and MapReduce reducers (at most {@code maxReducers})
     * from each job's input bytes, where the user set nothing.
     */
    public Builder sizedFromInput(int maxShufflePartitions, int maxReducers) {
      if (maxShufflePartitions < 1 || maxReducers < 1) {
        throw new IllegalArgumentException("maximums must be at least 1");
      }
      this.maxShufflePartitions = maxShufflePartitions;
      this.maxReducers = maxReducers;
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
