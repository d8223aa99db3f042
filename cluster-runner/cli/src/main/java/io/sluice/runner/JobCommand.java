package io.sluice.runner;

import io.sluice.jobs.Engine;
import io.sluice.jobs.EngineContext;
import io.sluice.jobs.Job;
import io.sluice.jobs.JobParameter;
import io.sluice.jobs.JobParameters;
import io.sluice.jobs.JobRunner;
import io.sluice.jobs.RunSummary;
import io.sluice.storage.StorageConfig;
import io.sluice.storage.StorageUri;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * {@code sluice run JOB}: options built from the job's declared parameters, plus the runtime
 * options every job shares ({@code --engine}, {@code --master}, {@code --conf}, and the AWS flags
 * {@code --endpoint-url}, {@code --profile}, {@code --region}).
 */
final class JobCommand implements Callable<Integer> {

  private static final String AWS_MIXIN = "aws";

  private final Job job;
  private final JobRunner runner;
  private final List<Path> userJars;
  private final S3EndpointOptions aws = new S3EndpointOptions();
  private final HadoopOptions hadoop = new HadoopOptions();
  private final SparkPropertiesOptions sparkProperties = new SparkPropertiesOptions();
  private CommandSpec spec;

  private JobCommand(Job job, JobRunner runner, List<Path> userJars) {
    this.job = job;
    this.runner = runner;
    this.userJars = List.copyOf(userJars);
  }

  /**
   * @param userJars the user's jars of this run: Spark ships them to its executors
   */
  static CommandSpec spec(Job job, JobRunner runner, List<Path> userJars) {
    JobCommand command = new JobCommand(job, runner, userJars);
    CommandSpec spec =
        CommandSpec.wrapWithoutInspection(command).name(job.name()).mixinStandardHelpOptions(true);
    spec.usageMessage().description(job.description());
    spec.addOption(
        OptionSpec.builder("--engine")
            .paramLabel("ENGINE")
            .type(String.class)
            .defaultValue(Engine.SPARK.id())
            .description("spark or mapreduce (default: ${DEFAULT-VALUE})")
            .build());
    spec.addOption(
        OptionSpec.builder("--master")
            .paramLabel("URL")
            .type(String.class)
            .defaultValue(RunDefaults.SPARK_MASTER)
            .description(
                "Spark master for --engine spark (default: ${DEFAULT-VALUE}, Spark in this process)")
            .build());
    spec.addMixin(AWS_MIXIN, CommandSpec.forAnnotatedObject(command.aws));
    spec.addOption(
        OptionSpec.builder("--conf")
            .paramLabel("KEY=VALUE")
            .type(Map.class)
            .auxiliaryTypes(String.class, String.class)
            .description(
                "spark.* settings go to Spark; anything else is a Hadoop setting (e.g. fs.defaultFS)")
            .build());
    spec.addMixin("hadoop", CommandSpec.forAnnotatedObject(command.hadoop));
    spec.addMixin("sparkProperties", CommandSpec.forAnnotatedObject(command.sparkProperties));
    for (JobParameter p : job.parameters()) {
      OptionSpec.Builder option = OptionSpec.builder("--" + p.name()).description(p.description());
      if (p.type() == JobParameter.Type.FLAG) {
        option.type(boolean.class).arity("0");
      } else {
        option
            .type(String.class)
            .paramLabel(p.type() == JobParameter.Type.LOCATION ? "URI" : p.type().name())
            .required(p.required());
        if (p.defaultValue() != null) {
          option
              .defaultValue(p.defaultValue())
              .description(p.description() + " (default: ${DEFAULT-VALUE})");
        }
      }
      spec.addOption(option.build());
    }
    command.spec = spec;
    return spec;
  }

  @Override
  public Integer call() {
    Engine engine = Engine.parse(spec.findOption("--engine").getValue());
    HadoopSiteConfiguration site = hadoop.site(spec);
    Map<String, String> raw = new LinkedHashMap<>();
    for (JobParameter p : job.parameters()) {
      Object value = spec.findOption("--" + p.name()).getValue();
      if (value != null) {
        // A bare path is on the site's default file system, as for `hadoop fs`.
        raw.put(
            p.name(),
            p.type() == JobParameter.Type.LOCATION
                ? site.location(value.toString())
                : value.toString());
      }
    }
    JobParameters parameters = JobParameters.of(job, raw);
    boolean usesS3 =
        job.parameters().stream()
            .filter(
                p ->
                    p.type() == JobParameter.Type.LOCATION
                        && parameters.asMap().containsKey(p.name()))
            .anyMatch(p -> parameters.location(p.name()).scheme() == StorageUri.Scheme.S3);
    try (StorageOptions storage = aws.resolve(usesS3, spec.commandLine().getErr())) {
      return run(engine, parameters, site, storage.config());
    }
  }

  private int run(
      Engine engine,
      JobParameters parameters,
      HadoopSiteConfiguration site,
      StorageConfig storage) {
    Map<String, String> conf = spec.findOption("--conf").getValue();
    if (engine == Engine.SPARK) {
      conf = sparkProperties.under(conf, spec, spec.commandLine().getErr());
    }
    String master = spec.findOption("--master").getValue();
    EngineContext.Builder context =
        RunDefaults.engineContext(master, "sluice", true, site, storage, conf);
    List<String> jars = new ArrayList<>();
    if (engine == Engine.SPARK && AppJars.neededBy(master)) {
      jars.addAll(AppJars.onClassPath()); // a cluster's executors have only Spark's jars
    }
    userJars.forEach(p -> jars.add(p.toUri().toString()));
    context.sparkJars(jars);
    // A catalog job calls none of the SQL functions jars register as session extensions (MLlib's
    // vector_to_array and the like), whose set-up was a tenth of a tiny run's CPU; a user's job
    // may, so runs with user jars keep them.
    context.jarExtensions(!userJars.isEmpty());
    try (EngineContext ctx = context.build()) {
      RunSummary summary = runner.run(job, engine, parameters, ctx);
      if (JsonOutput.requested(spec)) {
        JsonOutput.print(spec.commandLine().getOut(), JsonRunSummary.of(summary));
      } else {
        spec.commandLine().getOut().println(summary.toLine());
      }
      spec.commandLine().getOut().flush();
    }
    return ExitCode.OK;
  }
}
