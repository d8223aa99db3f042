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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * {@code sluice run JOB}: options built from the job's declared parameters, plus the runtime
 * options every job shares ({@code --engine}, {@code --master}, {@code --conf}).
 */
final class JobCommand implements Callable<Integer> {

  private final Job job;
  private final JobRunner runner;
  private final List<Path> userJars;
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
    spec.addOption(
        OptionSpec.builder("--s3-endpoint")
            .paramLabel("URL")
            .type(String.class)
            .description(
                "S3 endpoint for s3:// locations, or 'embedded' for the local one"
                    + " (default: AWS_ENDPOINT_URL_S3, else AWS; the embedded one when no AWS credentials exist)")
            .build());
    spec.addOption(
        OptionSpec.builder("--conf")
            .paramLabel("KEY=VALUE")
            .type(Map.class)
            .auxiliaryTypes(String.class, String.class)
            .description(
                "spark.* settings go to Spark; anything else is a Hadoop setting (e.g. fs.defaultFS)")
            .build());
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
    Map<String, String> raw = new LinkedHashMap<>();
    for (JobParameter p : job.parameters()) {
      Object value = spec.findOption("--" + p.name()).getValue();
      if (value != null) {
        raw.put(p.name(), value.toString());
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
    try (StorageOptions storage =
        StorageOptions.resolve(
            spec.findOption("--s3-endpoint").getValue(), System.getenv(), usesS3)) {
      return run(engine, parameters, storage.config());
    }
  }

  private int run(Engine engine, JobParameters parameters, StorageConfig storage) {
    Map<String, String> conf = spec.findOption("--conf").getValue();
    if (engine == Engine.SPARK) {
      conf = sparkProperties.under(conf, spec, spec.commandLine().getErr());
    }
    EngineContext.Builder context =
        RunDefaults.engineContext(
            spec.findOption("--master").getValue(), "sluice", true, storage, conf);
    context.sparkJars(userJars.stream().map(p -> p.toUri().toString()).toList());
    try (EngineContext ctx = context.build()) {
      RunSummary summary = runner.run(job, engine, parameters, ctx);
      spec.commandLine().getOut().println(summary.toLine());
      spec.commandLine().getOut().flush();
    }
    return ExitCode.OK;
  }
}
