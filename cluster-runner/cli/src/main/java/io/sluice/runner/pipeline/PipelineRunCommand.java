package io.sluice.runner.pipeline;

import io.sluice.jobs.JobRegistry;
import io.sluice.runner.AppJars;
import io.sluice.runner.ExitCode;
import io.sluice.runner.HadoopOptions;
import io.sluice.runner.OutputCommand;
import io.sluice.runner.RunDefaults;
import io.sluice.runner.S3EndpointOptions;
import io.sluice.runner.SparkPropertiesOptions;
import io.sluice.runner.StorageOptions;
import io.sluice.runner.UserJarOptions;
import io.sluice.runner.cluster.LocalCluster;
import io.sluice.runner.kv.KvEndpoint;
import io.sluice.runner.submit.SparkMaster;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code sluice pipeline run FILE [--on local|minicluster|standalone|cluster] [--var k=v] [--from S
 * | --only S]}. S3 and DynamoDB endpoints come from the standard AWS environment, as for the single
 * commands.
 */
@Command(
    name = "run",
    description = {
      "Run a pipeline's steps in order, or up to --concurrency at once as their 'needs' allow;",
      "a failing step stops the run (exit 1): no step starts after it, running ones finish.",
      "Prints each step's start and end, progress while it runs, then a per-step table and a summary line."
    })
public final class PipelineRunCommand extends OutputCommand {

  /** Executor memory on the local standalone cluster, whose workers have 1 GiB by default. */
  static final String STANDALONE_EXECUTOR_MEMORY = "512m";

  /** The working directory's state of pipeline runs, held by one run at a time. */
  static final Path STATE_DIR = Path.of(".sluice");

  /** With --on minicluster, the variable holding the mini-cluster's URI. */
  static final String HDFS_VAR = "hdfs";

  @Mixin PipelineSource source;

  @Mixin S3EndpointOptions aws;

  @Option(
      names = "--on",
      paramLabel = "WHERE",
      defaultValue = "local",
      description = {
        "local (Spark local[*] in this process, default);",
        "minicluster (an HDFS mini-cluster in this process, URI in $${hdfs}, e.g. --var 'bucket=$${hdfs}/sluice');",
        "standalone (the cluster of `sluice cluster up`);",
        "cluster (the Spark master of --master: spark://HOST:PORT or k8s://https://HOST:PORT, client mode)"
      })
  String on;

  @Option(
      names = "--run-dir",
      paramLabel = "DIR",
      defaultValue = ".sluice/cluster",
      description = "with --on standalone: the cluster's run directory (default: ${DEFAULT-VALUE})")
  Path runDir;

  @Option(
      names = "--master",
      paramLabel = "URL",
      description = "with --on cluster: spark://HOST:PORT or k8s://https://HOST:PORT")
  String master;

  @Option(
      names = "--conf",
      paramLabel = "KEY=VALUE",
      description =
          "a Spark (spark.*) or Hadoop setting for every step, e.g. spark.executor.memory=2g, "
              + "spark.kubernetes.container.image=IMAGE")
  Map<String, String> conf = new LinkedHashMap<>();

  @Option(
      names = "--minicluster-dir",
      paramLabel = "DIR",
      defaultValue = ".sluice/minicluster",
      description =
          "with --on minicluster: where its NameNode and DataNode keep their files (default: ${DEFAULT-VALUE})")
  Path miniClusterDir;

  @Option(names = "--from", paramLabel = "STEP", description = "start at this step")
  String from;

  @Option(names = "--only", paramLabel = "STEP", description = "run this step alone")
  String only;

  @Mixin ConcurrencyOption concurrency;

  @Mixin UserJarOptions userJars;

  @Mixin HadoopOptions hadoop;
  @Mixin SparkPropertiesOptions sparkProperties;

  @Mixin DefaultWarehouseOption warehouse;

  @Override
  public Integer call() {
    // Runs in one directory share .sluice/ (quarantine, mini-cluster, default warehouse).
    PipelineWorkdir workdir = PipelineWorkdir.claim(STATE_DIR);
    try {
      return runClaimed();
    } finally {
      workdir.close();
    }
  }

  private Integer runClaimed() {
    ExecutionTarget target = ExecutionTarget.parse(on);
    if (target != ExecutionTarget.CLUSTER && master != null) {
      throw new InvalidPipelineException(
          "--master is for --on cluster; --on " + target.id() + " picks its own master");
    }
    if (target != ExecutionTarget.MINICLUSTER) {
      return run(target, null);
    }
    // Mistakes in the file are reported before a cluster starts; ${hdfs} gets its real port after.
    concurrency.applyTo(
        PipelineDefinition.load(source.file, withHdfsVar(source.vars, "hdfs://127.0.0.1:8020")));
    try (PipelineMiniCluster mini = PipelineMiniCluster.start(miniClusterDir, err())) {
      return run(target, mini);
    }
  }

  /** The run's variables plus {@code hdfs}, the mini-cluster's URI, unless the user set one. */
  private static Map<String, String> withHdfsVar(Map<String, String> vars, String hdfs) {
    Map<String, String> all = new LinkedHashMap<>(vars);
    all.putIfAbsent(HDFS_VAR, hdfs);
    return all;
  }

  private int run(ExecutionTarget target, PipelineMiniCluster mini) {
    PipelineDefinition pipeline =
        concurrency.applyTo(
            PipelineDefinition.load(
                source.file, mini == null ? source.vars : withHdfsVar(source.vars, mini.uri())));
    List<PipelineStep> steps = pipeline.select(from, only);
    JobRegistry registry = registry(pipeline, userJars);
    boolean usesS3 = steps.stream().anyMatch(PipelineDefinition::mentionsS3);
    boolean usesKv = steps.stream().anyMatch(s -> s instanceof PipelineStep.LoadKv);
    KvEndpoint[] kv = new KvEndpoint[1];
    try (StorageOptions storage = aws.resolve(usesS3, err())) {
      PipelineEnvironment.Builder env =
          PipelineEnvironment.builder()
              .storage(storage.config())
              .hadoopSite(hadoop.site(spec))
              .warehouse(warehouse.target())
              .progress(err())
              .kv(
                  () -> {
                    kv[0] = KvEndpoint.resolve(null, aws.chain(), System.getenv(), null, err());
                    return kv[0].store();
                  });
      configureTarget(target, env, mini);
      // The users' jars reach Spark's executors (local mode's too); Hadoop's local runner sees them
      // through the job's loader.
      env.sparkJars(registry.userJars().stream().map(p -> p.toUri().toString()).toList());
      try (PipelineEnvironment environment = env.build()) {
        PipelineReport report = new PipelineRunner(registry, environment).run(pipeline, steps);
        if (json()) {
          print(JsonPipelineReport.of(report));
        } else {
          out().print(report.table());
          out().println(report.summary());
        }
        out().flush();
      }
    } finally {
      if (kv[0] != null && usesKv) {
        kv[0].close();
      }
    }
    return ExitCode.OK;
  }

  private void configureTarget(
      ExecutionTarget target, PipelineEnvironment.Builder env, PipelineMiniCluster mini) {
    Map<String, String> settings = new LinkedHashMap<>();
    switch (target) {
      case LOCAL -> env.target(target, RunDefaults.SPARK_MASTER, List.of());
      case MINICLUSTER -> {
        env.target(target, RunDefaults.SPARK_MASTER, List.of());
        settings.put("fs.defaultFS", mini.uri());
      }
      case STANDALONE -> {
        // Throws NoClusterRunningException (exit 2) when `sluice cluster up` has not run.
        String url = new LocalCluster(runDir).status().config().masterUrl();
        env.target(target, url, AppJars.onClassPath());
        settings.put("spark.executor.memory", STANDALONE_EXECUTOR_MEMORY);
        settings.put("spark.cores.max", "2");
      }
      case CLUSTER -> {
        if (master == null) {
          throw new InvalidPipelineException(
              "--on cluster needs --master spark://HOST:PORT or k8s://https://HOST:PORT");
        }
        SparkMaster parsed = SparkMaster.parse(master);
        if (parsed.kind() != SparkMaster.Kind.STANDALONE
            && parsed.kind() != SparkMaster.Kind.KUBERNETES) {
          throw new InvalidPipelineException(
              "--on cluster --master "
                  + master
                  + ": pipelines run Spark in client mode on "
                  + "spark:// or k8s:// masters"
                  + (parsed.kind() == SparkMaster.Kind.LOCAL
                      ? "; use --on local"
                      : "; pipelines do not run on YARN: submit one job there with `sluice submit JOB --master yarn`"));
        }
        env.target(target, parsed.url(), AppJars.onClassPath());
      }
    }
    // The user's settings win: spark-defaults.conf or --properties-file, then --conf.
    settings.putAll(sparkProperties.under(conf, spec, err()));
    env.conf(settings);
  }

  /** The built-in jobs and those of the file's {@code jars:} and of --jar / SLUICE_JARS. */
  static JobRegistry registry(PipelineDefinition pipeline, UserJarOptions options) {
    List<Path> jars = new ArrayList<>(pipeline.jars());
    jars.addAll(options.paths());
    return UserJarOptions.registry(jars); // a bad jar's message names its path
  }
}
