package io.sluice.runner.pipeline;

import io.sluice.jobs.EngineContext;
import io.sluice.kv.DynamoDbConfig;
import io.sluice.kv.DynamoDbKeyValueStore;
import io.sluice.runner.HadoopSiteConfiguration;
import io.sluice.runner.RunDefaults;
import io.sluice.storage.StorageConfig;
import io.sluice.warehouse.WarehouseTarget;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;

/**
 * What the steps of one run share: one engine context (one Spark session, started on first use),
 * the S3 settings, the default warehouse, the key-value endpoint (connected on first use), where
 * rejected rows go, and where progress is printed.
 */
public final class PipelineEnvironment implements AutoCloseable {

  private final ExecutionTarget target;
  private final EngineContext engines;
  // The settings the engines were built with, for engine contexts of steps' own sessions.
  private final EngineContext.Builder engineSettings;
  private final StorageConfig storage;
  private final String warehouse;
  private final Supplier<DynamoDbKeyValueStore> kvConnect;
  private final Path quarantineDir;
  private final PrintWriter progress;
  private DynamoDbKeyValueStore kvStore;
  private SparkWarmUp warmUp;

  private PipelineEnvironment(Builder b) {
    this.target = b.target;
    this.storage = b.storage;
    this.warehouse = b.warehouse != null ? b.warehouse : WarehouseTarget.DEFAULT;
    this.kvConnect = b.kvConnect;
    this.quarantineDir = b.quarantineDir;
    this.progress = b.progress;
    EngineContext.Builder context =
        RunDefaults.engineContext(
            b.sparkMaster, "sluice pipeline", false, b.hadoopSite, storage, b.conf);
    // Steps running at once share the task slots fairly (this module's fairscheduler.xml); a
    // user's spark.scheduler.mode wins.
    context.sparkDefault("spark.scheduler.mode", "FAIR");
    context.sparkJars(b.jars);
    context.sparkJars(b.userJars);
    this.engines = context.build();
    this.engineSettings = context;
  }

  public static Builder builder() {
    return new Builder();
  }

  public ExecutionTarget target() {
    return target;
  }

  public EngineContext engines() {
    return engines;
  }

  /**
   * An engine context for a Spark step that runs beside others: the pipeline's settings and its
   * SparkContext, but a Spark SQL session of its own ({@code SparkSession.newSession()}: its own
   * SQL settings, temporary views and functions). {@link EngineContext#sizeFor} sizes a job by
   * setting shuffle partitions and code generation on the session, then puts them back; on one
   * shared session two steps at once would undo or inherit each other's. Closing the context leaves
   * the shared session running. Starts Spark if it has not started.
   */
  public synchronized EngineContext engineOfItsOwn() {
    SparkSession session = engines.spark().newSession();
    try {
      return engineSettings.sparkSession(session).build();
    } finally {
      engineSettings.sparkSession(null);
    }
  }

  /** A fresh Hadoop configuration with the S3 settings, for steps that do not need Spark. */
  public Configuration hadoopConf() {
    return engines.hadoopConf();
  }

  public StorageConfig storage() {
    return storage;
  }

  /** The warehouse a step uses when it names none. */
  public String warehouse() {
    return warehouse;
  }

  public Path quarantineDir() {
    return quarantineDir;
  }

  public PrintWriter progress() {
    return progress;
  }

  /**
   * Starts Spark in the background when {@code steps} need it but do not start with it, so the
   * first Spark step does not wait for Spark's start-up. Once per environment; the earlier the
   * call, the more start-up is hidden (the demo calls it before its services are up).
   */
  public synchronized void warmUpSpark(List<PipelineStep> steps) {
    if (warmUp == null) {
      warmUp = SparkWarmUp.startIfUseful(steps, engines);
    }
  }

  /** The key-value store, connected on first use. */
  public synchronized DynamoDbKeyValueStore kvStore() {
    if (kvStore == null) {
      kvStore = kvConnect.get();
    }
    return kvStore;
  }

  @Override
  public synchronized void close() {
    if (warmUp != null) {
      warmUp.close(); // no session may start after the engines closed
    }
    try {
      if (kvStore != null) {
        kvStore.close();
      }
    } finally {
      engines.close();
    }
  }

  /** Builds a {@link PipelineEnvironment}. */
  public static final class Builder {
    private ExecutionTarget target = ExecutionTarget.LOCAL;
    private String sparkMaster = RunDefaults.SPARK_MASTER;
    private List<String> jars = List.of();
    private final List<String> userJars = new java.util.ArrayList<>();
    private Map<String, String> conf = Map.of();
    private HadoopSiteConfiguration hadoopSite = HadoopSiteConfiguration.NONE;
    private StorageConfig storage;
    private String warehouse;
    private Supplier<DynamoDbKeyValueStore> kvConnect =
        () -> new DynamoDbKeyValueStore(DynamoDbConfig.fromEnvironment(System.getenv()));
    private Path quarantineDir = Path.of(".sluice", "quarantine");
    private PrintWriter progress = new PrintWriter(System.err, true);

    public Builder target(ExecutionTarget t, String master, List<String> appJars) {
      this.target = Objects.requireNonNull(t);
      this.sparkMaster = Objects.requireNonNull(master);
      this.jars = List.copyOf(appJars);
      return this;
    }

    /** Users' job jars (URIs) for Spark to ship to its executors. */
    public Builder sparkJars(List<String> uris) {
      userJars.addAll(uris);
      return this;
    }

    /**
     * Extra settings: {@code spark.*} to Spark (e.g. executor memory), the rest to Hadoop (e.g.
     * fs.defaultFS).
     */
    public Builder conf(Map<String, String> settings) {
      this.conf = Map.copyOf(settings);
      return this;
    }

    /** The site files' settings and {@code -D} ones (default: none). */
    public Builder hadoopSite(HadoopSiteConfiguration site) {
      this.hadoopSite = Objects.requireNonNull(site);
      return this;
    }

    public Builder storage(StorageConfig s) {
      this.storage = Objects.requireNonNull(s);
      return this;
    }

    /** {@code duckdb:PATH} or a PostgreSQL URL; null for the default. */
    public Builder warehouse(String target) {
      this.warehouse = target;
      return this;
    }

    /**
     * How to connect to the key-value store; called once, when a step first needs it. The store is
     * closed with the run.
     */
    public Builder kv(Supplier<DynamoDbKeyValueStore> connect) {
      this.kvConnect = Objects.requireNonNull(connect);
      return this;
    }

    public Builder quarantineDir(Path dir) {
      this.quarantineDir = Objects.requireNonNull(dir);
      return this;
    }

    public Builder progress(PrintWriter out) {
      this.progress = Objects.requireNonNull(out);
      return this;
    }

    public PipelineEnvironment build() {
      Objects.requireNonNull(storage, "storage");
      return new PipelineEnvironment(this);
    }
  }
}
