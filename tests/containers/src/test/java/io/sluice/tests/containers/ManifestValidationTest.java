package io.sluice.tests.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.schema.validator.ValidationReport;
import io.fabric8.kubernetes.schema.validator.Validator;
import io.sluice.jobs.BadInputException;
import io.sluice.jobs.JobRegistry;
import io.sluice.runner.SluiceCli;
import io.sluice.runner.k8s.K8sManifests;
import io.sluice.runner.k8s.ManifestSpec;
import io.sluice.runner.submit.AppJar;
import io.sluice.runner.submit.SparkSubmission;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Every manifest `sluice k8s manifests` writes validates offline against the Kubernetes OpenAPI
 * schema.
 */
class ManifestValidationTest {

  private static final Validator VALIDATOR = Validator.newInstance();

  static ManifestSpec spec() {
    return new ManifestSpec(
        "wordcount",
        List.of("--input", "/data/in/notes.txt", "--output", "/data/out/wc"),
        "registry.example.com/sluice-jobs:0.1.0",
        "batch",
        "spark-driver",
        List.of("sluice-env"),
        List.of("aws-keys"),
        List.of(
            ManifestSpec.Mount.parse("host:/srv/in:/data/in:ro", 0),
            ManifestSpec.Mount.parse("pvc:results:/data/out", 1)),
        2048,
        2,
        1024,
        1,
        3,
        "4.0.1",
        AppJar.IMAGE_APP_JAR_PATH,
        List.of());
  }

  private static void assertValid(String yaml) throws Exception {
    ValidationReport report = VALIDATOR.validate(yaml);
    assertFalse(
        report.hasErrors(),
        () ->
            report.getMessages().stream()
                    .map(m -> m.getLevel() + " " + m.getMessage())
                    .collect(Collectors.joining("\n"))
                + "\nin\n"
                + yaml);
  }

  @Test
  void jobValidates() throws Exception {
    assertValid(K8sManifests.yamlOf(K8sManifests.job(spec())));
  }

  @Test
  void podForPlayValidates() throws Exception {
    assertValid(K8sManifests.yamlOf(K8sManifests.pod(spec())));
  }

  /**
   * The operator's CRD is not part of the Kubernetes schema; its pod-level parts (volumes, envFrom,
   * volumeMounts) are core/v1 types, so they are validated inside a Pod.
   */
  @Test
  @SuppressWarnings("unchecked")
  void sparkApplicationPodPartsValidate() throws Exception {
    GenericKubernetesResource app = K8sManifests.sparkApplication(spec());
    assertEquals(K8sManifests.SPARK_OPERATOR_API, app.getApiVersion());
    Map<String, Object> s = K8sManifests.sparkApplicationSpec(app);
    for (String role : List.of("driver", "executor")) {
      Map<String, Object> pod = (Map<String, Object>) s.get(role);
      Pod asPod =
          new PodBuilder()
              .withNewMetadata()
              .withName("check-" + role)
              .withLabels((Map<String, String>) pod.get("labels"))
              .endMetadata()
              .withNewSpec()
              .addNewContainer()
              .withName(role)
              .withImage((String) s.get("image"))
              .withEnvFrom((List<EnvFromSource>) pod.get("envFrom"))
              .withVolumeMounts((List<VolumeMount>) pod.get("volumeMounts"))
              .endContainer()
              .withVolumes((List<Volume>) s.get("volumes"))
              .endSpec()
              .build();
      assertValid(K8sManifests.yamlOf(asPod));
    }
    assertEquals("spark-driver", ((Map<String, Object>) s.get("driver")).get("serviceAccount"));
    assertEquals(3, ((Map<String, Object>) s.get("executor")).get("instances"));
    assertEquals("2048m", ((Map<String, Object>) s.get("driver")).get("memory"));
  }

  /**
   * Under the operator the driver pod runs spark-submit's main class with the operator's k8s://
   * master; the CLI's `run` would pin a local master on loopback and never start an executor pod.
   */
  @Test
  @SuppressWarnings("unchecked")
  void sparkApplicationRunsTheSparkEntryPointOnTheImagesJobsJar() {
    Map<String, Object> s =
        K8sManifests.sparkApplicationSpec(K8sManifests.sparkApplication(spec()));
    assertEquals(SparkSubmission.JOB_MAIN, s.get("mainClass"));
    assertEquals("io.sluice.jobs.spark.SparkJobMain", s.get("mainClass"));
    assertEquals(AppJar.IMAGE_APP_JAR, s.get("mainApplicationFile"));
    assertEquals("local:///opt/sluice/app/sluice-jobs.jar", s.get("mainApplicationFile"));
    List<String> arguments = (List<String>) s.get("arguments");
    assertEquals(
        "wordcount", arguments.get(0), "SparkJobMain takes the job name first: " + arguments);
    assertEquals(
        List.of("wordcount", "--input", "/data/in/notes.txt", "--output", "/data/out/wc"),
        arguments);
  }

  /** The plain Job is one pod running the job with a local master: the image's `run` command. */
  @Test
  void jobContainerRunsTheJobInOnePod() {
    Container container =
        K8sManifests.job(spec()).getSpec().getTemplate().getSpec().getContainers().get(0);
    assertEquals(
        List.of("run", "wordcount", "--input", "/data/in/notes.txt", "--output", "/data/out/wc"),
        container.getArgs());
  }

  /** The validator is not a rubber stamp: a wrong type in the same manifest is reported. */
  @Test
  void validatorRejectsABrokenJob() throws Exception {
    String broken =
        K8sManifests.yamlOf(K8sManifests.job(spec()))
            .replace("backoffLimit: 0", "backoffLimit: \"never\"");
    assertTrue(VALIDATOR.validate(broken).hasErrors(), broken);
  }

  @Test
  void configAndSecretsAreReferencedNeverInlined() {
    String yaml = K8sManifests.yaml(spec());
    assertTrue(yaml.contains("secretRef:\n") && yaml.contains("name: \"aws-keys\""), yaml);
    assertTrue(yaml.contains("configMapRef:\n") && yaml.contains("name: \"sluice-env\""), yaml);
    assertFalse(
        yaml.contains("stringData")
            || yaml.contains("kind: \"Secret\"")
            || yaml.contains("kind: \"ConfigMap\""));
    assertTrue(yaml.contains("memory: \"2432Mi\""), "2 GiB heap + 384 MiB overhead: " + yaml);
  }

  @Test
  void cliWritesBothManifestsAndRejectsBadRequests() {
    StringWriter out = new StringWriter();
    assertEquals(
        0,
        cli(
            out,
            "k8s",
            "manifests",
            "wordcount",
            "--image",
            "sluice-jobs:1",
            "--secret",
            "aws-keys",
            "--input",
            "/in",
            "--output",
            "/out"));
    assertTrue(
        out.toString().contains("kind: \"SparkApplication\"")
            && out.toString().contains("kind: \"Job\""));

    assertBadRequest(
        "job wordcount has no option --inptu",
        "k8s",
        "manifests",
        "wordcount",
        "--image",
        "sluice-jobs:1",
        "--inptu",
        "/in");
    assertBadRequest("no-such-job", "k8s", "manifests", "no-such-job", "--image", "sluice-jobs:1");
    assertBadRequest(
        "--namespace 'Bad_NS' is not a valid Kubernetes name",
        "k8s",
        "manifests",
        "wordcount",
        "--image",
        "x",
        "--namespace",
        "Bad_NS",
        "--input",
        "/in",
        "--output",
        "/out");
    assertBadRequest(
        "job wordcount needs --output",
        "k8s",
        "manifests",
        "wordcount",
        "--image",
        "x",
        "--input",
        "/in");
  }

  private static void assertBadRequest(String expected, String... args) {
    StringWriter err = new StringWriter();
    assertEquals(2, cli(err, args));
    String message = err.toString().strip();
    assertEquals(1, message.lines().count(), message);
    assertTrue(message.contains(expected), message);
  }

  /**
   * A fresh command line per call, as each `sluice` process has; stdout and stderr both go to
   * {@code sink}.
   */
  private static int cli(StringWriter sink, String... args) {
    var cli = SluiceCli.commandLine(JobRegistry.load());
    cli.setOut(new PrintWriter(sink, true));
    cli.setErr(new PrintWriter(sink, true));
    return cli.execute(args);
  }

  @Test
  void badMountsAndMemoryAreOneLineErrors() {
    assertThrows(BadInputException.class, () -> ManifestSpec.Mount.parse("host:relative:/data", 0));
    assertThrows(BadInputException.class, () -> ManifestSpec.Mount.parse("nfs:/x:/data", 0));
    BadInputException e =
        assertThrows(
            BadInputException.class, () -> ManifestSpec.parseMemoryMiB("lots", "--driver-memory"));
    assertEquals(
        "--driver-memory 'lots' is not a memory size; use e.g. 512m or 2g", e.getMessage());
  }
}
