package io.sluice.runner.k8s;

import io.sluice.runner.image.ImageLayout;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Kubernetes objects that run a job from the image: a {@code SparkApplication} for the Kubeflow
 * Spark operator ({@code sparkoperator.k8s.io/v1beta2}), whose driver starts executor pods, and a plain
 * {@code batch/v1 Job} running {@code IMAGE run JOB ...} in one pod. Config maps and secrets are
 * referenced ({@code envFrom}), never copied in.
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
  public static Map<String, Object> job(ManifestSpec spec) {
    Map<String, Object> container = new LinkedHashMap<>();
    container.put("name", CONTAINER_NAME);
    container.put("image", spec.image());
    container.put("imagePullPolicy", "IfNotPresent");
    container.put("args", runArguments(spec));
    // The heap is the driver memory; the limit adds Spark's usual off-heap overhead.
    container.put("env", List.of(ordered("name", "JDK_JAVA_OPTIONS", "value", "-Xmx" + spec.driverMemoryMiB() + "m")));
    List<Map<String, Object>> envFrom = envFrom(spec);
    if (!envFrom.isEmpty()) {
      container.put("envFrom", envFrom);
    }
    String memory = ManifestSpec.withOverheadMiB(spec.driverMemoryMiB()) + "Mi";
    container.put("resources", ordered(
        "requests", ordered("cpu", String.valueOf(spec.driverCores()), "memory", memory),
        "limits", ordered("memory", memory)));
    if (!spec.mounts().isEmpty()) {
      container.put("volumeMounts", volumeMounts(spec));
    }
    Map<String, Object> podSpec = new LinkedHashMap<>();
    podSpec.put("restartPolicy", "Never");
    podSpec.put("serviceAccountName", spec.serviceAccount());
    podSpec.put("securityContext", ordered("runAsUser", IMAGE_UID, "runAsGroup", IMAGE_UID, "runAsNonRoot", true));
    podSpec.put("containers", List.of(container));
    if (!spec.mounts().isEmpty()) {
      podSpec.put("volumes", volumes(spec));
    }
    Map<String, Object> template = new LinkedHashMap<>();
    template.put("metadata", Map.of("labels", labels(spec, "job")));
    template.put("spec", podSpec);
    Map<String, Object> jobSpec = new LinkedHashMap<>();
    // A failed batch run is reported, not silently retried: jobs replace output atomically, a retry is the user's call.
    jobSpec.put("backoffLimit", 0);
    jobSpec.put("ttlSecondsAfterFinished", 86400);
    jobSpec.put("template", template);
    Map<String, Object> job = new LinkedHashMap<>();
    job.put("apiVersion", "batch/v1");
    job.put("kind", "Job");
    job.put("metadata", metadata(spec, "job"));
    job.put("spec", jobSpec);
    return job;
  }

  /**
   * A SparkApplication: the operator runs spark-submit in cluster mode; the driver pod (the image's
   * {@code driver} entrypoint) runs the Spark entry point {@code sluice submit --master k8s://} uses,
   * so the session's master is the Kubernetes one the operator set and executors are pods. (The CLI's
   * {@code run} would force a local master on loopback and never start an executor.)
   */
  public static Map<String, Object> sparkApplication(ManifestSpec spec) {
    Map<String, Object> app = new LinkedHashMap<>();
    app.put("apiVersion", SPARK_OPERATOR_API);
    app.put("kind", "SparkApplication");
    app.put("metadata", metadata(spec, "spark-application"));
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
    Map<String, Object> executor = pod(spec, "executor", spec.executorCores(), spec.executorMemoryMiB());
    executor.put("instances", spec.executors());
    s.put("executor", executor);
    if (!spec.mounts().isEmpty()) {
      s.put("volumes", volumes(spec));
    }
    app.put("spec", s);
    return app;
  }

  private static Map<String, Object> pod(ManifestSpec spec, String role, int cores, long memoryMiB) {
    Map<String, Object> pod = new LinkedHashMap<>();
    pod.put("cores", cores);
    pod.put("memory", memoryMiB + "m");
    pod.put("labels", labels(spec, role));
    List<Map<String, Object>> envFrom = envFrom(spec);
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
   * The jars beside the application jar, as {@code local://} URIs in the image: the user's other jars,
   * and Sluice's jobs jar when the application jar is the user's.
   */
  static List<String> dependencyJars(ManifestSpec spec) {
    List<String> jars = new ArrayList<>();
    if (spec.userJars().contains(spec.applicationJar())) {
      jars.add("local://" + ImageLayout.APP_JAR_PATH);
    }
    spec.userJars().stream().filter(j -> !j.equals(spec.applicationJar())).forEach(j -> jars.add("local://" + j));
    return jars;
  }

  private static List<Map<String, Object>> envFrom(ManifestSpec spec) {
    List<Map<String, Object>> refs = new ArrayList<>();
    spec.configMaps().forEach(c -> refs.add(Map.of("configMapRef", Map.of("name", c))));
    spec.secrets().forEach(s -> refs.add(Map.of("secretRef", Map.of("name", s))));
    return refs;
  }

  private static List<Map<String, Object>> volumeMounts(ManifestSpec spec) {
    return spec.mounts().stream().map(m -> ordered("name", m.name(), "mountPath", m.mountPath(), "readOnly", m.readOnly()))
        .toList();
  }

  private static List<Map<String, Object>> volumes(ManifestSpec spec) {
    return spec.mounts().stream().map(m -> m.kind() == ManifestSpec.Mount.Kind.HOST_PATH
        ? ordered("name", m.name(), "hostPath", ordered("path", m.source(), "type", "Directory"))
        : ordered("name", m.name(), "persistentVolumeClaim", ordered("claimName", m.source(), "readOnly", m.readOnly())))
        .toList();
  }

  private static Map<String, Object> metadata(ManifestSpec spec, String component) {
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("name", spec.objectName());
    metadata.put("namespace", spec.namespace());
    metadata.put("labels", labels(spec, component));
    return metadata;
  }

  private static Map<String, Object> labels(ManifestSpec spec, String component) {
    return ordered("app.kubernetes.io/name", "sluice", "app.kubernetes.io/component", component,
        "sluice.io/job", spec.job());
  }

  private static Map<String, Object> ordered(Object... keyValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      map.put((String) keyValues[i], keyValues[i + 1]);
    }
    return map;
  }

  /** Both manifests as one multi-document YAML stream (what {@code kubectl apply -f} takes). */
  public static String yaml(ManifestSpec spec) {
    return "# sluice k8s manifests " + spec.job() + ": a SparkApplication (Kubeflow Spark operator)\n"
        + YamlWriter.write(sparkApplication(spec))
        + "---\n# ... and a plain Kubernetes Job running the image directly\n"
        + YamlWriter.write(job(spec));
  }

  /**
   * The Job's pod template as a bare {@code v1 Pod}, for runtimes that play pods but not Jobs (podman
   * 4.x {@code kube play} supports Pod and Deployment kinds).
   */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> pod(ManifestSpec spec) {
    Map<String, Object> template = (Map<String, Object>) ((Map<String, Object>) job(spec).get("spec")).get("template");
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("name", spec.objectName());
    metadata.put("labels", ((Map<String, Object>) template.get("metadata")).get("labels"));
    Map<String, Object> pod = new LinkedHashMap<>();
    pod.put("apiVersion", "v1");
    pod.put("kind", "Pod");
    pod.put("metadata", metadata);
    pod.put("spec", template.get("spec"));
    return pod;
  }

  public static String yamlOf(Map<String, Object> document) {
    return YamlWriter.write(document);
  }
}
