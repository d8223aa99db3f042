package io.sluice.tests.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.sluice.testing.SluiceProcess;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sluice submit --master k8s://...} through Spark's own Kubernetes client code
 * (spark-kubernetes, in the CLI's SparkSubmit JVM) against an in-process Kubernetes API server
 * (fabric8's mock in CRUD mode: it stores what it is sent and answers like an API server).
 *
 * <p>What is real: SparkSubmit's k8s cluster-mode submission, the REST calls it makes, the driver
 * pod spec it builds. What is not: nothing schedules or runs the pod (there is no kubelet), so the
 * driver never starts; the test checks the pod that was created.
 */
class KubernetesSubmitIT {

  private static final String IMAGE = "registry.local/sluice-jobs:1.0";
  private static final String NAMESPACE = "sluice-test";

  private static KubernetesMockServer server;
  private static KubernetesClient client;

  @TempDir Path dir;

  @BeforeAll
  static void startApiServer() throws Exception {
    server =
        new KubernetesMockServer(
            new Context(),
            new MockWebServer(),
            new HashMap<>(),
            new ApplyAsCreateDispatcher(),
            false);
    server.init(InetAddress.getByName("127.0.0.1"), 0);
    client = server.createClient();
  }

  @AfterAll
  static void stopApiServer() {
    if (client != null) {
      client.close();
    }
    if (server != null) {
      server.destroy();
    }
  }

  @Test
  void submissionCreatesADriverPodRunningOurImageAndJob() throws Exception {
    String master = "k8s://http://127.0.0.1:" + server.getPort();
    SluiceProcess.Result r =
        SluiceProcess.cli(
                "submit",
                "--master",
                master,
                "--image",
                IMAGE,
                "--conf",
                "spark.kubernetes.namespace=" + NAMESPACE,
                "--conf",
                "spark.kubernetes.submission.waitAppCompletion=false",
                "--conf",
                "spark.kubernetes.authenticate.driver.serviceAccountName=sluice-driver",
                "--conf",
                "spark.executor.instances=2",
                "wordcount",
                "--input",
                "s3://data/in",
                "--output",
                "s3://data/out")
            .workDir(dir)
            .timeoutSeconds(600)
            .run();
    assertEquals(0, r.exitCode(), r.all());
    assertTrue(
        r.stdout().contains("submit wordcount [spark] to " + master + " (cluster mode): succeeded"),
        r.stdout());

    List<Pod> pods = client.pods().inNamespace(NAMESPACE).list().getItems();
    assertEquals(1, pods.size(), "one driver pod expected: " + pods);
    Pod driver = pods.get(0);
    assertEquals(
        "driver",
        driver.getMetadata().getLabels().get("spark-role"),
        driver.getMetadata().toString());
    assertEquals("sluice-driver", driver.getSpec().getServiceAccountName());
    Container container = driver.getSpec().getContainers().get(0);
    assertEquals(IMAGE, container.getImage());
    List<String> args = container.getArgs();
    assertEquals("driver", args.get(0), args.toString());
    int clazz = args.indexOf("--class");
    assertTrue(
        clazz > 0 && args.get(clazz + 1).equals("io.sluice.jobs.spark.SparkJobMain"),
        args.toString());
    int jar = args.indexOf("local:///opt/sluice/app/sluice-jobs.jar");
    assertTrue(jar > 0, args.toString());
    assertEquals(
        List.of("wordcount", "--input", "s3://data/in", "--output", "s3://data/out"),
        args.subList(jar + 1, args.size()));
    // Spark's properties reach the driver through a ConfigMap it mounts, created by server-side
    // apply.
    assertTrue(
        client.configMaps().inNamespace(NAMESPACE).list().getItems().stream()
            .anyMatch(
                cm ->
                    cm.getData().values().stream()
                        .anyMatch(v -> v.contains("spark.executor.instances=2"))),
        "no ConfigMap carries the submitted Spark properties");
  }
}
