package io.sluice.runner.k8s;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvFromSourceBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.sluice.runner.image.ImageLayout;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Kubernetes objects that run a job from the image: a {@code SparkApplication} for the Kubeflow
 * Spark operator ({@code sparkoperator.k8s.io/v1beta2}), whose driver starts executor pods, and a
 * plain {@code batch/v1 Job} running {@code IMAGE run JOB ...} in one pod. Config maps and secrets
 * are referenced ({@code envFrom}), never copied in.
 */
public final class K8sManifests {

  public static final String SPARK_OPERATOR_API = "sparkoperator.k8s.io/v1beta2";
  public static final String CONTAINER_NAME = "sluice";

  /** The Spark entry point of Sluice's jobs jar (what {@code sluice submit} runs too). */
  public static final String SPARK_JOB_MAIN = "io.sluice.jobs.spark.SparkJobMain";

  /** The image's user (Spark's uid). */
  static final long IMAGE_UID = 185;

  private K8sManifests() {}

  /**
   * A plain Job: one pod runs the job with Spark in local mode on the pod's cores. That is why its
   * container runs {@code run JOB} (the CLI's embedded local master, bound to loopback) and not
   * {@code driver}: no executor pods are wanted, and no service account needs pod rights.
   */
  public static Job job(ManifestSpec spec) {
    // The heap is the driver memory; the limit adds Spark's usual off-heap overhead.
    Quantity memory = new Quantity(ManifestSpec.withOverheadMiB(spec.driverMemoryMiB()) + "Mi");
    Container container =
        new ContainerBuilder()
            .withName(CONTAINER_NAME)
            .withImage(spec.image())
            .withImagePullPolicy("IfNotPresent")
            .withArgs(runArguments(spec))
            .addNewEnv()
            .withName("JDK_JAVA_OPTIONS")
            .withValue("-Xmx" + spec.driverMemoryMiB() + "m")
            .endEnv()
            .withEnvFrom(envFrom(spec))
            .withNewResources()
            .addToRequests("cpu", new Quantity(String.valueOf(spec.driverCores())))
            .addToRequests("memory", memory)
            .addToLimits("memory", memory)
            .endResources()
            .withVolumeMounts(volumeMounts(spec))
            .build();
    PodSpec podSpec =
        new PodSpecBuilder()
            .withRestartPolicy("Never")
            .withServiceAccountName(spec.serviceAccount())
            .withNewSecurityContext()
            .withRunAsUser(IMAGE_UID)
            .withRunAsGroup(IMAGE_UID)
            .withRunAsNonRoot(true)
            .endSecurityContext()
            .withContainers(container)
            .withVolumes(volumes(spec))
            .build();
    return new JobBuilder()
        .withMetadata(metadata(spec, "job"))
        .withNewSpec()
        // A failed batch run is reported, not silently retried: jobs replace output atomically, a
        // retry is the user's call.
        .withBackoffLimit(0)
        .withTtlSecondsAfterFinished(86400)
        .withNewTemplate()
        .withNewMetadata()
        .withLabels(labels(spec, "job"))
        .endMetadata()
        .withSpec(podSpec)
        .endTemplate()
        .endSpec()
        .build();
  }

  /**
   * A SparkApplication: the operator runs spark-submit in cluster mode; the driver pod (the image's
   * {@code driver} entrypoint) runs the Spark entry point {@code sluice submit --master k8s://}
   * uses, so the session's master is the Kubernetes one the operator set and executors are pods.
   * (The CLI's {@code run} would force a local master on loopback and never start an executor.)
   * fabric8 has no model of the operator's CRD, so its spec is a map; its pod-level parts are
   * core/v1 objects.
   */
  public static GenericKubernetesResource sparkApplication(ManifestSpec spec) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("type", "Java");
    s.put("mode", "cluster");
    s.put("image", spec.image());
    s.put("imagePullPolicy", "IfNotPresent");
    s.put("mainClass", SPARK_JOB_MAIN);
    s.put("mainApplicationFile", "local://" + spec.applicationJar());
    s.put("arguments", jobArguments(spec));
    List<String> deps = dependencyJars(spec);
    if (!deps.isEmpty()) {
      // spark.jars: on the driver's and executors' classpath, read from the image (local://).
      s.put("deps", Map.of("jars", deps));
    }
    s.put("sparkVersion", spec.sparkVersion());
    s.put("restartPolicy", Map.of("type", "Never"));
    Map<String, Object> driver = pod(spec, "driver", spec.driverCores(), spec.driverMemoryMiB());
    driver.put("serviceAccount", spec.serviceAccount());
    s.put("driver", driver);
    Map<String, Object> executor =
        pod(spec, "executor", spec.executorCores(), spec.executorMemoryMiB());
    executor.put("instances", spec.executors());
    s.put("executor", executor);
    if (!spec.mounts().isEmpty()) {
      s.put("volumes", volumes(spec));
    }
    return new GenericKubernetesResourceBuilder()
        .withApiVersion(SPARK_OPERATOR_API)
        .withKind("SparkApplication")
        .withMetadata(metadata(spec, "spark-application"))
        .addToAdditionalProperties("spec", s)
        .build();
  }

  /** The operator's {@code spec} of a SparkApplication (a map: no fabric8 model for the CRD). */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> sparkApplicationSpec(GenericKubernetesResource app) {
    return (Map<String, Object>) app.getAdditionalProperties().get("spec");
  }

  private static Map<String, Object> pod(
      ManifestSpec spec, String role, int cores, long memoryMiB) {
    Map<String, Object> pod = new LinkedHashMap<>();
    pod.put("cores", cores);
    pod.put("memory", memoryMiB + "m");
    pod.put("labels", labels(spec, role));
    List<EnvFromSource> envFrom = envFrom(spec);
    if (!envFrom.isEmpty()) {
      pod.put("envFrom", envFrom);
    }
    if (!spec.mounts().isEmpty()) {
      pod.put("volumeMounts", volumeMounts(spec));
    }
    return pod;
  }

  /** SparkJobMain's arguments: the job, then its own options. */
  static List<String> jobArguments(ManifestSpec spec) {
    List<String> args = new ArrayList<>(List.of(spec.job()));
    args.addAll(spec.jobArgs());
    return args;
  }

  /** The image's CLI arguments for a single-pod run: {@code run [--jar JAR]... JOB ...}. */
  static List<String> runArguments(ManifestSpec spec) {
    List<String> args = new ArrayList<>(List.of("run"));
    for (String jar : spec.userJars()) {
      args.add("--jar");
      args.add(jar);
    }
    args.addAll(jobArguments(spec));
    return args;
  }

  /**
   * The jars beside the application jar, as {@code local://} URIs in the image: the user's other
   * jars, and Sluice's jobs jar when the application jar is the user's.
   */
  static List<String> dependencyJars(ManifestSpec spec) {
    List<String> jars = new ArrayList<>();
    if (spec.userJars().contains(spec.applicationJar())) {
      jars.add("local://" + ImageLayout.APP_JAR_PATH);
    }
    spec.userJars().stream()
        .filter(j -> !j.equals(spec.applicationJar()))
        .forEach(j -> jars.add("local://" + j));
    return jars;
  }

  private static List<EnvFromSource> envFrom(ManifestSpec spec) {
    List<EnvFromSource> refs = new ArrayList<>();
    spec.configMaps()
        .forEach(
            c ->
                refs.add(
                    new EnvFromSourceBuilder()
                        .withNewConfigMapRef()
                        .withName(c)
                        .endConfigMapRef()
                        .build()));
    spec.secrets()
        .forEach(
            s ->
                refs.add(
                    new EnvFromSourceBuilder()
                        .withNewSecretRef()
                        .withName(s)
                        .endSecretRef()
                        .build()));
    return refs;
  }

  private static List<VolumeMount> volumeMounts(ManifestSpec spec) {
    return spec.mounts().stream()
        .map(
            m ->
                new VolumeMountBuilder()
                    .withName(m.name())
                    .withMountPath(m.mountPath())
                    .withReadOnly(m.readOnly())
                    .build())
        .toList();
  }

  private static List<Volume> volumes(ManifestSpec spec) {
    return spec.mounts().stream()
        .map(
            m ->
                m.kind() == ManifestSpec.Mount.Kind.HOST_PATH
                    ? new VolumeBuilder()
                        .withName(m.name())
                        .withNewHostPath()
                        .withPath(m.source())
                        .withType("Directory")
                        .endHostPath()
                        .build()
                    : new VolumeBuilder()
                        .withName(m.name())
                        .withNewPersistentVolumeClaim()
                        .withClaimName(m.source())
                        .withReadOnly(m.readOnly())
                        .endPersistentVolumeClaim()
                        .build())
        .toList();
  }

  private static ObjectMeta metadata(ManifestSpec spec, String component) {
    return new ObjectMetaBuilder()
        .withName(spec.objectName())
        .withNamespace(spec.namespace())
        .withLabels(labels(spec, component))
        .build();
  }

  private static Map<String, String> labels(ManifestSpec spec, String component) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("app.kubernetes.io/name", "sluice");
    labels.put("app.kubernetes.io/component", component);
    labels.put("sluice.io/job", spec.job());
    return labels;
  }

  /** Both manifests as one multi-document YAML stream (what {@code kubectl apply -f} takes). */
  public static String yaml(ManifestSpec spec) {
    return "# sluice k8s manifests "
        + spec.job()
        + ": a SparkApplication (Kubeflow Spark operator)\n"
        + yamlOf(sparkApplication(spec))
        + "---\n# ... and a plain Kubernetes Job running the image directly\n"
        + yamlOf(job(spec));
  }

  /**
   * The Job's pod template as a bare {@code v1 Pod}, for runtimes that play pods but not Jobs
   * (podman 4.x {@code kube play} supports Pod and Deployment kinds).
   */
  public static Pod pod(ManifestSpec spec) {
    PodTemplateSpec template = job(spec).getSpec().getTemplate();
    return new PodBuilder()
        .withNewMetadata()
        .withName(spec.objectName())
        .withLabels(template.getMetadata().getLabels())
        .endMetadata()
        .withSpec(template.getSpec())
        .build();
  }

  /**
   * One Kubernetes object as a YAML document: fabric8's serialization (strings double-quoted, so no
   * value is re-typed), without its leading document marker so documents can be joined with {@code
   * ---}.
   */
  public static String yamlOf(Object object) {
    String yaml = Serialization.asYaml(object);
    return yaml.startsWith("---\n") ? yaml.substring("---\n".length()) : yaml;
  }
}
