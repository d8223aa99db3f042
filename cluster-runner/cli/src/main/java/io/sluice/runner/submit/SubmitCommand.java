package io.sluice.runner.submit;

import io.sluice.jobs.BadInputException;
import io.sluice.jobs.Engine;
import io.sluice.jobs.Job;
import io.sluice.jobs.JobParameters;
import io.sluice.jobs.JobRegistry;
import io.sluice.runner.ExitCode;
import io.sluice.runner.HadoopSiteConfiguration;
import io.sluice.runner.OutputCommand;
import io.sluice.runner.UserJarOptions;
import io.sluice.runner.cluster.SparkRuntime;
import io.sluice.runner.image.ImageLayout;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
          + " its own, the others go along (--jars, -libjars)."
    })
public final class SubmitCommand extends OutputCommand {

  @Parameters(
      index = "0",
      paramLabel = "JOB",
      description = "A registered job (see `sluice jobs`).")
  String job;

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
      description = "A Spark setting (or, for MapReduce, a Hadoop -D setting); repeatable.")
  List<String> conf = new ArrayList<>();

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
    JobRegistry registry = userJars.registry();
    Job found = registry.find(job);
    Engine chosenEngine = Engine.parse(engine);
    if (!found.engines().contains(chosenEngine)) {
      throw new BadInputException("job '" + job + "' has no " + engine + " implementation");
    }
    // The job's own arguments are checked here, so a typo fails in a second, not after a cluster
    // round trip.
    JobParameters.parseArgs(found, jobArgs.toArray(String[]::new));
    SparkMaster parsedMaster = SparkMaster.parse(master);
    DeployMode mode =
        deployMode != null
            ? DeployMode.parse(deployMode)
            : parsedMaster.kind() == SparkMaster.Kind.KUBERNETES
                ? DeployMode.CLUSTER
                : DeployMode.CLIENT;
    boolean inImage = parsedMaster.kind() == SparkMaster.Kind.KUBERNETES;
    String jar =
        appJar != null ? appJar : inImage ? AppJar.IMAGE_APP_JAR : AppJar.locate().toString();
    if (!jar.contains("://")) {
      jar = AppJar.check(Path.of(jar)).toString();
    }
    JobJars jars = JobJars.of(registry, job, jar, inImage, ImageLayout.jvmClasspath());
    // Hadoop's and Spark's own rule: HADOOP_CONF_DIR, else HADOOP_HOME/etc/hadoop, else
    // YARN_CONF_DIR.
    Optional<Path> confDir =
        Optional.ofNullable(hadoopConfDir)
            .or(() -> HadoopSiteConfiguration.configurationDirectory(System.getenv()));
    SubmitRequest request =
        new SubmitRequest(
            job,
            chosenEngine,
            parsedMaster,
            mode,
            Optional.ofNullable(image),
            SubmitRequest.parseConf(conf),
            jars.application(),
            confDir,
            jobArgs,
            jars.others());

    SparkRuntime runtime = SparkRuntime.current();
    long start = System.nanoTime();
    int code =
        chosenEngine == Engine.MAPREDUCE
            ? new HadoopJarProcess(request).run(runtime, out(), err())
            : new SparkSubmission(request).run(runtime, out(), err());
    out()
        .printf(
            Locale.ROOT,
            "submit %s [%s] to %s (%s mode): %s, time=%.1fs%n",
            job,
            engine,
            parsedMaster.url(),
            mode.flag(),
            code == 0 ? "succeeded" : "FAILED with exit code " + code,
            (System.nanoTime() - start) / 1e9);
    out().flush();
    return code == 0 ? ExitCode.OK : ExitCode.JOB_FAILED;
  }
}
