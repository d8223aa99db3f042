package io.sluice.runner.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The YAML `sluice k8s manifests` writes: typed where YAML would re-type, and equal to the objects
 * once read back.
 */
class K8sManifestsYamlTest {

  private static ManifestSpec spec(List<String> jobArgs) {
    return new ManifestSpec(
        "wordcount",
        jobArgs,
        "reg/sluice-jobs:1",
        "batch",
        "spark-driver",
        List.of("sluice-env"),
        List.of("aws-keys"),
        List.of(ManifestSpec.Mount.parse("pvc:results:/data/out", 0)),
        2048,
        2,
        1024,
        1,
        3,
        "4.0.1",
        "/opt/sluice/app/sluice-jobs.jar",
        List.of());
  }

  @Test
  void everyStringIsQuotedSoNoValueIsRetyped() {
    String yaml =
        K8sManifests.yamlOf(K8sManifests.job(spec(List.of("--input", "no", "--output", "1"))));
    assertTrue(yaml.startsWith("apiVersion: \"batch/v1\"\nkind: \"Job\"\n"), yaml);
    assertTrue(yaml.contains("        - \"no\"\n") && yaml.contains("        - \"1\"\n"), yaml);
    assertTrue(
        yaml.contains("backoffLimit: 0\n")
            && yaml.contains("runAsNonRoot: true\n")
            && yaml.contains("runAsUser: 185\n")
            && yaml.contains("readOnly: false\n"),
        yaml);
    assertTrue(yaml.contains("cpu: \"2\"\n") && yaml.contains("memory: \"2432Mi\"\n"), yaml);
  }

  @Test
  void manifestsReadBackAsTheObjectsWritten() {
    ManifestSpec spec = spec(List.of("--input", "a \"b\"\n\tc", "--output", "/o"));
    Job job = K8sManifests.job(spec);
    assertEquals(job, Serialization.unmarshal(K8sManifests.yamlOf(job), Job.class));
    Pod pod = K8sManifests.pod(spec);
    assertEquals(pod, Serialization.unmarshal(K8sManifests.yamlOf(pod), Pod.class));
    GenericKubernetesResource app = K8sManifests.sparkApplication(spec);
    GenericKubernetesResource read =
        Serialization.unmarshal(K8sManifests.yamlOf(app), GenericKubernetesResource.class);
    assertEquals(K8sManifests.SPARK_OPERATOR_API, read.getApiVersion());
    assertEquals(Serialization.asJson(app), Serialization.asJson(read));
  }

  @Test
  void bothManifestsAreTwoDocumentsOfOneStream() {
    String yaml = K8sManifests.yaml(spec(List.of("--input", "/i", "--output", "/o")));
    assertTrue(
        yaml.startsWith(
            "# sluice k8s manifests wordcount: a SparkApplication (Kubeflow Spark operator)\n"
                + "apiVersion: \"sparkoperator.k8s.io/v1beta2\"\nkind: \"SparkApplication\"\n"),
        yaml);
    assertEquals(1, yaml.lines().filter("---"::equals).count(), yaml);
    assertTrue(
        yaml.contains(
            "---\n# ... and a plain Kubernetes Job running the image directly\n"
                + "apiVersion: \"batch/v1\"\nkind: \"Job\"\n"),
        yaml);
    assertFalse(yaml.contains("\n\n"), yaml);
  }
}
