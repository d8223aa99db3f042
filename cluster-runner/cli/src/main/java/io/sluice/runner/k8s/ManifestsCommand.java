package io.sluice.runner.k8s;

import io.sluice.jobs.BadInputException;
import io.sluice.jobs.Job;
import io.sluice.jobs.JobParameter;
import io.sluice.jobs.JobRegistry;
import io.sluice.runner.ExitCode;
import io.sluice.runner.OutputCommand;
import io.sluice.runner.UserJarOptions;
import io.sluice.runner.image.ImageLayout;
import io.sluice.runner.submit.AppJar;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Unmatched;

/**
 * {@code sluice k8s manifests JOB --image IMG [job options]}: a SparkApplication and a Job to
 * kubectl apply.
 */
@Command(
    name = "manifests",
    description = {
      "Write a SparkApplication (sparkoperator.k8s.io/v1beta2) and a Kubernetes Job that run JOB from IMAGE.",
      "Options not listed here are the job's own (e.g. --input, --output) and are checked against it.",
      "With --jar JAR (the jars given to `sluice package --jar`), a job of yours, run from the jar in the image."
    })
public final class ManifestsCommand extends OutputCommand {

  /**
   * Where the application jar sits in images `sluice package` builds: the one `sluice submit
   * --master k8s://` names.
   */
  static final String DEFAULT_APPLICATION_JAR = AppJar.IMAGE_APP_JAR_PATH;

  @Parameters(index = "0", paramLabel = "JOB", description = "the job to run (see `sluice jobs`)")
  String job;

  @Option(
      names = "--image",
      required = true,
      paramLabel = "IMAGE",
      description = "the image `sluice package` pushed")
  String image;

  @Option(
      names = "--namespace",
      defaultValue = "default",
      description = "namespace (default: ${DEFAULT-VALUE})")
  String namespace;

  @Option(
      names = "--service-account",
      defaultValue = "default",
      description =
          "service account of the pods; the Spark driver's must be allowed to create pods (default: ${DEFAULT-VALUE})")
  String serviceAccount;

  @Option(
      names = "--config-map",
      paramLabel = "NAME",
      description = "config map whose keys become environment variables (by reference)")
  List<String> configMaps = new ArrayList<>();

  @Option(
      names = "--secret",
      paramLabel = "NAME",
      description = "secret whose keys become environment variables (by reference), e.g. AWS keys")
  List<String> secrets = new ArrayList<>();

  @Option(
      names = "--mount",
      paramLabel = "host:DIR:PATH[:ro]|pvc:CLAIM:PATH[:ro]",
      description = "a volume to mount in the job's pods")
  List<String> mounts = new ArrayList<>();

  @Option(
      names = "--driver-memory",
      defaultValue = "1g",
      description = "driver (or Job pod) heap (default: ${DEFAULT-VALUE})")
  String driverMemory;

  @Option(
      names = "--driver-cores",
      defaultValue = "1",
      description = "driver (or Job pod) cores (default: ${DEFAULT-VALUE})")
  int driverCores;

  @Option(
      names = "--executor-memory",
      defaultValue = "1g",
      description = "executor heap (default: ${DEFAULT-VALUE})")
  String executorMemory;

  @Option(
      names = "--executor-cores",
      defaultValue = "1",
      description = "executor cores (default: ${DEFAULT-VALUE})")
  int executorCores;

  @Option(
      names = "--executors",
      defaultValue = "2",
      description = "executor pods (default: ${DEFAULT-VALUE})")
  int executors;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description =
          "write JOB-sparkapplication.yaml and JOB-job.yaml here (default: both to stdout)")
  Path out;

  @Mixin UserJarOptions userJars;

  @Unmatched List<String> jobArgs = new ArrayList<>();

  @Override
  public Integer call() {
    // The job and its options are checked against the user's jars, the ones `sluice package --jar`
    // put in the image.
    JobRegistry registry = userJars.registry();
    Job found = registry.find(job);
    checkJobArguments(found, jobArgs);
    List<Path> inImage = ImageLayout.missingFrom(registry.userJars(), ImageLayout.jvmClasspath());
    String applicationJar = DEFAULT_APPLICATION_JAR;
    Optional<Path> first = registry.userJars().stream().findFirst();
    if (first.isPresent() && inImage.contains(first.get()) && registry.jarOf(job).equals(first)) {
      applicationJar =
          ImageLayout.userJarPath(
              first.get()); // as `sluice submit --jar` makes the job's jar the application
    }
    List<ManifestSpec.Mount> parsedMounts = new ArrayList<>();
    for (int i = 0; i < mounts.size(); i++) {
      parsedMounts.add(ManifestSpec.Mount.parse(mounts.get(i), i));
    }
    ManifestSpec manifest =
        new ManifestSpec(
            found.name(),
            jobArgs,
            image,
            namespace,
            serviceAccount,
            configMaps,
            secrets,
            parsedMounts,
            ManifestSpec.parseMemoryMiB(driverMemory, "--driver-memory"),
            driverCores,
            ManifestSpec.parseMemoryMiB(executorMemory, "--executor-memory"),
            executorCores,
            executors,
            sparkVersion(),
            applicationJar,
            inImage.stream().map(ImageLayout::userJarPath).toList());
    PrintWriter stdout = out();
    if (out == null) {
      stdout.print(K8sManifests.yaml(manifest));
    } else {
      try {
        Files.createDirectories(out);
        Path app = out.resolve(manifest.objectName() + "-sparkapplication.yaml");
        Path kjob = out.resolve(manifest.objectName() + "-job.yaml");
        Files.writeString(app, K8sManifests.yamlOf(K8sManifests.sparkApplication(manifest)));
        Files.writeString(kjob, K8sManifests.yamlOf(K8sManifests.job(manifest)));
        stdout.println("wrote " + app + " and " + kjob);
      } catch (IOException e) {
        throw new UncheckedIOException("writing manifests to " + out, e);
      }
    }
    stdout.flush();
    return ExitCode.OK;
  }

  /**
   * Every --name in the job arguments must be one of the job's parameters, and required ones
   * present.
   */
  static void checkJobArguments(Job job, List<String> args) {
    Set<String> known =
        job.parameters().stream().map(JobParameter::name).collect(Collectors.toSet());
    Set<String> given = new java.util.HashSet<>();
    for (String a : args) {
      if (a.startsWith("--")) {
        String name = a.substring(2).split("=", 2)[0];
        if (!known.contains(name)
            && !Set.of(
                    "engine", "master", "conf", "s3-endpoint", "endpoint-url", "profile", "region")
                .contains(name)) {
          throw new BadInputException(
              "job "
                  + job.name()
                  + " has no option --"
                  + name
                  + "; its options: "
                  + known.stream().sorted().map(n -> "--" + n).collect(Collectors.joining(" ")));
        }
        given.add(name);
      }
    }
    for (JobParameter p : job.parameters()) {
      if (p.required() && !given.contains(p.name())) {
        throw new BadInputException(
            "job " + job.name() + " needs --" + p.name() + " (" + p.description() + ")");
      }
    }
  }

  private static String sparkVersion() {
    try (var in = ManifestsCommand.class.getResourceAsStream("/spark-version-info.properties")) {
      if (in != null) {
        java.util.Properties p = new java.util.Properties();
        p.load(in);
        return p.getProperty("version", "4.0.1");
      }
    } catch (IOException e) {
      // fall through to the version this build pins
    }
    return "4.0.1";
  }
}
