package io.sluice.runner.submit;

import io.sluice.jobs.BadInputException;
import io.sluice.jobs.Engine;
import io.sluice.jobs.Job;
import io.sluice.jobs.JobParameters;
import io.sluice.jobs.JobRegistry;
import io.sluice.runner.ExitCode;
import io.sluice.runner.HadoopSiteConfiguration;
import io.sluice.runner.OutputCommand;
import io.sluice.runner.SparkDefaults;
import io.sluice.runner.SparkPropertiesOptions;
import io.sluice.runner.UserJarOptions;
import io.sluice.runner.cluster.SparkRuntime;
import io.sluice.runner.image.ImageLayout;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Unmatched;

/**
 * {@code sluice submit JOB --master ... [job args]}: a registered job, submitted with Spark's own
 * SparkSubmit (local, standalone, Kubernetes) or, for MapReduce, to YARN with the Hadoop job
 * client.
 */
@Command(
    name = "submit",
    description = {
      "Submit a job to a cluster: Spark jobs through Spark's SparkSubmit (local[*], spark://HOST:PORT,"
          + " k8s://https://HOST:PORT, yarn), MapReduce jobs (--engine mapreduce) to YARN (--master yarn).",
      "Submit options come before JOB; everything after JOB is the job's own arguments (--input ... --output ...).",
      "With --jar JAR (or SLUICE_JARS), a job of your jar: the first jar is the application jar when the job is"
          + " its own, the others go along (--jars, -libjars).",
      "Spark settings as spark-submit takes them: spark-defaults.conf of $SPARK_CONF_DIR (else $SPARK_HOME/conf)"
          + " or --properties-file, under --conf, under the flags (--name, --driver-memory, ...)."
    })
public final class SubmitCommand extends OutputCommand {

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "JOB",
      description =
          "A registered job (see `sluice jobs`); with --class, the application's first argument.")
  String job;

  @Option(
      names = "--class",
      paramLabel = "CLASS",
      description =
          "Your own Spark application's main class, in the first --jar (spark-submit's --class);"
              + " then the arguments after the options are the application's.")
  String mainClass;

  @Unmatched List<String> jobArgs = new ArrayList<>();

  @Option(
      names = "--master",
      required = true,
      paramLabel = "URL",
      description = "local[*], local[N], spark://HOST:PORT, k8s://https://HOST:PORT or yarn.")
  String master;

  @Option(
      names = "--deploy-mode",
      paramLabel = "MODE",
      description =
          "client (driver here) or cluster (driver on the cluster); default client, cluster for k8s://.")
  String deployMode;

  @Option(
      names = "--engine",
      paramLabel = "ENGINE",
      defaultValue = "spark",
      description = "spark or mapreduce (default: ${DEFAULT-VALUE}).")
  String engine;

  @Option(
      names = "--image",
      paramLabel = "NAME:TAG",
      description = "Container image of the driver and executor pods (k8s:// only).")
  String image;

  @Option(
      names = "--conf",
      paramLabel = "KEY=VALUE",
      description =
          "A Spark setting (spark.*; other keys are ignored with a warning, as spark-submit does) or,"
              + " for MapReduce, a Hadoop -D setting; repeatable.")
  List<String> conf = new ArrayList<>();

  @Mixin SparkPropertiesOptions sparkProperties;

  @Mixin SparkSubmitFlags flags;

  @Option(
      names = {"-v", "--verbose"},
      description = "Print the resolved Spark settings (secrets redacted) before submitting.")
  boolean verbose;

  @Option(
      names = "--app-jar",
      paramLabel = "JAR",
      description =
          "The job jar (default: the jobs module's -app.jar; for k8s:// "
              + AppJar.IMAGE_APP_JAR
              + ").")
  String appJar;

  @Mixin UserJarOptions userJars;

  @Option(
      names = "--hadoop-conf-dir",
      paramLabel = "DIR",
      description =
          "Hadoop/YARN client configuration (default: $HADOOP_CONF_DIR, else"
              + " $HADOOP_HOME/etc/hadoop, else $YARN_CONF_DIR).")
  Path hadoopConfDir;

  @Override
  public Integer call() {
    SubmitRequest request = request(SparkPropertiesOptions.environment(spec), err());
    SparkRuntime runtime = SparkRuntime.current();
    SparkSubmission submission = new SparkSubmission(request, mainClass != null);
    if (verbose && request.engine() == Engine.SPARK) {
      printSettings(submission.effectiveConf(runtime), err());
    }
    long start = System.nanoTime();
    int code =
        request.engine() == Engine.MAPREDUCE
            ? new HadoopJarProcess(request).run(runtime, out(), err())
            : submission.run(runtime, out(), err());
    out()
        .printf(
            Locale.ROOT,
            "submit %s [%s] to %s (%s mode): %s, time=%.1fs%n",
            request.job(),
            engine,
            request.master().url(),
            request.deployMode().flag(),
            code == 0 ? "succeeded" : "FAILED with exit code " + code,
            (System.nanoTime() - start) / 1e9);
    out().flush();
    return code == 0 ? ExitCode.OK : ExitCode.JOB_FAILED;
  }

  /**
   * The checked submission of this command line.
   *
   * @param env where SPARK_CONF_DIR and SPARK_HOME are read
   * @param err where warnings go
   */
  SubmitRequest request(Map<String, String> env, PrintWriter err) {
    Engine chosenEngine = Engine.parse(engine);
    SparkMaster parsedMaster = SparkMaster.parse(master);
    DeployMode mode =
        deployMode != null
            ? DeployMode.parse(deployMode)
            : parsedMaster.kind() == SparkMaster.Kind.KUBERNETES
                ? DeployMode.CLUSTER
                : DeployMode.CLIENT;
    boolean inImage = parsedMaster.kind() == SparkMaster.Kind.KUBERNETES;
    // Hadoop's and Spark's own rule: HADOOP_CONF_DIR, else HADOOP_HOME/etc/hadoop, else
    // YARN_CONF_DIR.
    Optional<Path> confDir =
        Optional.ofNullable(hadoopConfDir)
            .or(() -> HadoopSiteConfiguration.configurationDirectory(env));
    if (mainClass != null) {
      return userApplication(chosenEngine, parsedMaster, mode, confDir, env, err);
    }
    if (job == null) {
      throw new BadInputException(
          "submit needs JOB (see `sluice jobs`) or --class CLASS --jar JAR");
    }
    JobRegistry registry = userJars.registry();
    Job found = registry.find(job);
    if (!found.engines().contains(chosenEngine)) {
      throw new BadInputException("job '" + job + "' has no " + engine + " implementation");
    }
    // The job's own arguments are checked here, so a typo fails in a second, not after a cluster
    // round trip.
    JobParameters.parseArgs(found, jobArgs.toArray(String[]::new));
    String jar =
        appJar != null ? appJar : inImage ? AppJar.IMAGE_APP_JAR : AppJar.locate().toString();
    if (!jar.contains("://")) {
      jar = AppJar.check(Path.of(jar)).toString();
    }
    JobJars jars = JobJars.of(registry, job, jar, inImage, ImageLayout.jvmClasspath());
    return new SubmitRequest(
        job,
        chosenEngine,
        parsedMaster,
        mode,
        Optional.ofNullable(image),
        chosenEngine == Engine.SPARK ? sparkConf(env, err) : SubmitRequest.parseConf(conf),
        jars.application(),
        confDir,
        jobArgs,
        withMoreJars(jars.others()));
  }

  /**
   * {@code --class CLASS}: a user's own Spark application, as spark-submit runs it: the first
   * {@code --jar} (or {@code --app-jar}) is the application jar, every argument after the options
   * is the application's.
   */
  private SubmitRequest userApplication(
      Engine chosenEngine,
      SparkMaster parsedMaster,
      DeployMode mode,
      Optional<Path> confDir,
      Map<String, String> env,
      PrintWriter err) {
    if (chosenEngine != Engine.SPARK) {
      throw new BadInputException("--class is for Spark applications, not --engine " + engine);
    }
    List<Path> given = userJars.paths();
    if (appJar == null && given.isEmpty()) {
      throw new BadInputException("--class " + mainClass + " needs --jar JAR, the jar holding it");
    }
    String jar = appJar != null ? appJar : given.get(0).toString();
    if (!jar.contains("://")) {
      jar = AppJar.check(Path.of(jar)).toString();
    }
    List<String> others = new ArrayList<>();
    for (Path p : given.subList(appJar != null ? 0 : 1, given.size())) {
      others.add(p.toString());
    }
    List<String> args = new ArrayList<>();
    if (job != null) {
      args.add(job);
    }
    args.addAll(jobArgs);
    return new SubmitRequest(
        mainClass,
        chosenEngine,
        parsedMaster,
        mode,
        Optional.ofNullable(image),
        sparkConf(env, err),
        jar,
        confDir,
        args,
        withMoreJars(others));
  }

  /**
   * spark-submit's order: spark-defaults.conf or --properties-file, then --conf (spark.* only:
   * other keys are dropped with spark-submit's warning), then the flags.
   */
  Map<String, String> sparkConf(Map<String, String> env, PrintWriter err) {
    Map<String, String> given = new LinkedHashMap<>();
    SubmitRequest.parseConf(conf)
        .forEach(
            (k, v) -> {
              if (k.startsWith("spark.")) {
                given.put(k, v);
              } else {
                err.println(SparkDefaults.ignoredWarning(k));
              }
            });
    err.flush();
    SparkDefaults files = sparkProperties.load(env, err);
    Map<String, String> all = files.under(given);
    flags.putInto(all);
    if (verbose) {
      err.println(
          "Using properties file: "
              + (files.files().isEmpty() ? "null" : files.files().get(0).toString()));
    }
    return all;
  }

  /** The jars Sluice ships, then those of --jars. */
  private List<String> withMoreJars(List<String> shipped) {
    List<String> all = new ArrayList<>(shipped);
    flags.jars.stream().map(String::strip).filter(j -> !j.isEmpty()).forEach(all::add);
    return all;
  }

  /** As spark-submit --verbose lists them: sorted, secrets redacted. */
  static void printSettings(Map<String, String> settings, PrintWriter err) {
    err.println(
        "Spark properties used, including those specified through --conf and those from the"
            + " properties file:");
    SparkDefaults.redacted(settings).forEach((k, v) -> err.println("  " + k + "=" + v));
    err.flush();
  }
}
