package io.sluice.runner;

import io.sluice.jobs.Job;
import io.sluice.jobs.JobRegistry;
import io.sluice.jobs.JobRunner;
import io.sluice.runner.cluster.ClusterCommand;
import io.sluice.runner.demo.DemoCommand;
import io.sluice.runner.functions.FunctionsCommand;
import io.sluice.runner.image.ImageCommand;
import io.sluice.runner.image.PackageCommand;
import io.sluice.runner.k8s.K8sCommand;
import io.sluice.runner.kv.KvCommand;
import io.sluice.runner.load.LoadCommand;
import io.sluice.runner.ml.MlCommand;
import io.sluice.runner.newjob.NewCommand;
import io.sluice.runner.pipeline.PipelineCommand;
import io.sluice.runner.pipeline.WatchCommand;
import io.sluice.runner.s3.S3Command;
import io.sluice.runner.sampledata.SampleDataCommand;
import io.sluice.runner.serve.ServeCommand;
import io.sluice.runner.services.ServicesCommand;
import io.sluice.runner.submit.SubmitCommand;
import io.sluice.runner.warehouse.SqlCommand;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The {@code sluice} command line. */
@Command(
    name = "sluice",
    versionProvider = SluiceVersion.class,
    // No subcommands here: commandLine adds SUBCOMMANDS, or only the one a command line names.
    description = "Write, test, package and run batch data jobs on Hadoop MapReduce and Spark.")
public final class SluiceCli extends CommandGroup {

  // Read through the parse result (JsonOutput.requested), wherever on the line it was given.
  @Option(
      names = JsonOutput.OPTION,
      scope = ScopeType.INHERIT,
      description = "Print results as JSON, one object per line (progress stays on stderr)")
  boolean json;

  /** The group of one subcommand per registered job. */
  static final String RUN = "run";

  /**
   * The top-level subcommands, in the order help lists them ({@code run} follows). Building a
   * command's tree means reflecting over all its classes' annotations, which for the whole tree is
   * most of a short command's CPU time (docs/BENCHMARKS.md, "Start-up").
   */
  private static final List<Class<?>> SUBCOMMANDS =
      List.of(
          JobsCommand.class,
          S3Command.class,
          ServicesCommand.class,
          ClusterCommand.class,
          SubmitCommand.class,
          PackageCommand.class,
          ImageCommand.class,
          K8sCommand.class,
          KvCommand.class,
          LoadCommand.class,
          SqlCommand.class,
          FunctionsCommand.class,
          MlCommand.class,
          SampleDataCommand.class,
          PipelineCommand.class,
          WatchCommand.class,
          CleanCommand.class,
          DemoCommand.class,
          ServeCommand.class,
          NewCommand.class,
          CompletionCommand.class,
          CommandLine.HelpCommand.class);

  /** Where SLUICE_JARS and the like are read; {@link #execute} sets it. */
  Map<String, String> environment = System.getenv();

  /** Builds the command line, with one {@code run} subcommand per registered job. */
  public static CommandLine commandLine(JobRegistry registry) {
    return commandLine(registry, null);
  }

  /**
   * The command line with only the top-level subcommand {@code only} when it is not null, else with
   * all of them. A command that names its subcommand first parses and prints the same with either:
   * nothing in a subcommand's tree looks at its siblings, except {@code help} and {@code
   * completion}, which {@link #tree} never narrows to.
   */
  static CommandLine commandLine(JobRegistry registry, String only) {
    CommandLine cli = new CommandLine(new SluiceCli());
    for (Class<?> command : SUBCOMMANDS) {
      if (only == null || only.equals(nameOf(command))) {
        cli.addSubcommand(command);
      }
    }
    if (only == null || only.equals(RUN)) {
      cli.addSubcommand(RUN, runGroup(registry));
    }
    CommandLine jobs = cli.getSubcommands().get("jobs");
    if (jobs != null) {
      ((JobsCommand) jobs.getCommand()).registry = registry;
    }
    versionEverywhere(cli, new SluiceVersion());
    return CliErrorHandler.installOn(cli);
  }

  /** {@code sluice run}, with one subcommand per registered job. */
  private static CommandLine runGroup(JobRegistry registry) {
    RunGroup group = new RunGroup();
    CommandSpec run =
        CommandSpec.wrapWithoutInspection(group).name(RUN).mixinStandardHelpOptions(true);
    group.spec = run;
    run.usageMessage()
        .description(
            "Run a registered job: sluice run [--jar JAR]... JOB --engine spark|mapreduce [job options]");
    // Read by main before the command line is built (the jobs of the jars become subcommands);
    // declared for help.
    run.addOption(
        OptionSpec.builder(UserJarOptions.OPTION)
            .paramLabel("JAR")
            .type(java.nio.file.Path[].class)
            .description(UserJarOptions.DESCRIPTION)
            .build());
    CommandLine runLine = new CommandLine(run);
    JobRunner runner = new JobRunner(registry);
    for (Job job : registry.all()) {
      runLine.addSubcommand(
          job.name(), new CommandLine(JobCommand.spec(job, runner, registry.userJars())));
    }
    return runLine;
  }

  public static void main(String[] args) {
    System.exit(execute(args, System.getenv(), null, null));
  }

  /**
   * The command line's main logic: for {@code sluice run}, the jobs of {@code --jar} and {@code
   * SLUICE_JARS} are loaded first (each becomes a subcommand), then the command runs.
   *
   * @param out stdout, or null for the process's; {@code err} likewise
   * @return the exit code
   */
  public static int execute(
      String[] args, Map<String, String> env, PrintWriter out, PrintWriter err) {
    JobRegistry registry;
    try {
      registry =
          UserJarOptions.isRun(args)
              ? UserJarOptions.registry(UserJarOptions.combine(UserJarOptions.scanRun(args), env))
              : JobRegistry.load();
    } catch (RuntimeException e) {
      PrintWriter to = err != null ? err : new PrintWriter(System.err, true);
      return CliErrorHandler.report(e, CliErrorHandler.PROGRAM, true, to);
    }
    CommandLine cli = commandLine(registry, tree(args));
    ((SluiceCli) cli.getCommand()).environment = env;
    if (out != null) {
      cli.setOut(out);
    }
    if (err != null) {
      cli.setErr(err);
    }
    return cli.execute(args);
  }

  /**
   * The one top-level subcommand {@code args} needs, when it names one first; null (the whole tree)
   * for anything else: root options, no arguments, a name that is no subcommand (the error suggests
   * the others), and help and completion, which describe the whole tree.
   */
  static String tree(String[] args) {
    if (args.length == 0 || args[0].equals("help") || args[0].equals("completion")) {
      return null;
    }
    if (args[0].equals(RUN)) {
      return RUN;
    }
    return SUBCOMMANDS.stream().map(SluiceCli::nameOf).anyMatch(args[0]::equals) ? args[0] : null;
  }

  private static String nameOf(Class<?> command) {
    return command.getAnnotation(Command.class).name();
  }

  /** -V on any subcommand prints what sluice --version does (picocli does not pass it down). */
  private static void versionEverywhere(CommandLine cli, IVersionProvider version) {
    cli.getCommandSpec().versionProvider(version);
    cli.getSubcommands().values().forEach(sub -> versionEverywhere(sub, version));
  }

  /** {@code sluice run}: one subcommand per job; without one, a usage error naming them. */
  static final class RunGroup extends CommandGroup {}
}
