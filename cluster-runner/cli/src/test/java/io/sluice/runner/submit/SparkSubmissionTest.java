package io.sluice.runner.submit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.jobs.BadInputException;
import io.sluice.jobs.Engine;
import io.sluice.runner.cluster.SparkRuntime;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SparkSubmissionTest {

  private static final SparkRuntime RUNTIME =
      new SparkRuntime(
          List.of(
              Path.of("/rt/spark-core_2.13-4.0.1.jar"), Path.of("/rt/hadoop-client-api-3.4.2.jar")),
          List.of("--add-opens=java.base/java.nio=ALL-UNNAMED", "-XX:+IgnoreUnrecognizedVMOptions"),
          Path.of("/jdk/bin/java"));

  @Test
  void parsesTheMastersSparkSubmitKnows() {
    assertEquals(SparkMaster.Kind.LOCAL, SparkMaster.parse("local[*]").kind());
    assertEquals(SparkMaster.Kind.LOCAL, SparkMaster.parse("local[4]").kind());
    assertEquals(SparkMaster.Kind.STANDALONE, SparkMaster.parse("spark://127.0.0.1:7077").kind());
    assertEquals(
        SparkMaster.Kind.KUBERNETES, SparkMaster.parse("k8s://https://10.0.0.1:6443").kind());
    assertEquals(SparkMaster.Kind.YARN, SparkMaster.parse("yarn").kind());
    for (String bad :
        List.of("mesos://h:5050", "spark://host", "spark://h:99999", "local[0]", "", "k8s://")) {
      assertThrows(BadInputException.class, () -> SparkMaster.parse(bad), bad);
    }
  }

  @Test
  void standaloneClusterModeWaitsForTheDriverAndUserConfWins() {
    SubmitRequest request =
        request(
            SparkMaster.parse("spark://127.0.0.1:7077"),
            DeployMode.CLUSTER,
            Optional.empty(),
            Map.of("spark.executor.memory", "512m"));
    List<String> args = new SparkSubmission(request).sparkSubmitArgs(RUNTIME);
    assertEquals(
        List.of(
            "--class",
            "io.sluice.jobs.spark.SparkJobMain",
            "--master",
            "spark://127.0.0.1:7077",
            "--deploy-mode",
            "cluster",
            "--conf",
            "spark.app.name=sluice wordcount",
            "--conf",
            "spark.standalone.submit.waitAppCompletion=true",
            "--conf",
            "spark.executor.memory=512m",
            "/jobs/app.jar",
            "wordcount",
            "--input",
            "in",
            "--output",
            "out"),
        args);
  }

  @Test
  void kubernetesNamesTheImage() {
    SubmitRequest request =
        request(
            SparkMaster.parse("k8s://https://k:6443"),
            DeployMode.CLUSTER,
            Optional.of("reg/sluice:1"),
            Map.of());
    assertTrue(
        new SparkSubmission(request)
            .sparkSubmitArgs(RUNTIME)
            .contains("spark.kubernetes.container.image=reg/sluice:1"));
    assertThrows(
        BadInputException.class,
        () ->
            request(
                SparkMaster.parse("k8s://https://k:6443"),
                DeployMode.CLUSTER,
                Optional.empty(),
                Map.of()));
  }

  @Test
  void refusesCombinationsThatCannotRun() {
    assertThrows(
        BadInputException.class,
        () ->
            request(SparkMaster.parse("local[2]"), DeployMode.CLUSTER, Optional.empty(), Map.of()));
    assertThrows(BadInputException.class, () -> SubmitRequest.parseConf(List.of("novalue")));
  }

  @Test
  void yarnWithoutAClusterConfigurationIsBadInputNamingWhatToSet() {
    BadInputException e =
        assertThrows(
            BadInputException.class,
            () ->
                request(SparkMaster.parse("yarn"), DeployMode.CLUSTER, Optional.empty(), Map.of()));
    assertTrue(e.getMessage().contains("set HADOOP_CONF_DIR or YARN_CONF_DIR"), e.getMessage());
    assertTrue(
        e.getMessage().contains("--conf spark.hadoop.yarn.resourcemanager.address=HOST:PORT"),
        e.getMessage());
    // The address alone is enough, as it is for spark-submit with an (empty) configuration
    // directory.
    request(
        SparkMaster.parse("yarn"),
        DeployMode.CLUSTER,
        Optional.empty(),
        Map.of("spark.hadoop.yarn.resourcemanager.address", "rm:8032"));
  }

  @Test
  void yarnShipsTheRunnersJarsAndJavaFlagsUnlessTheUserSaysOtherwise() {
    Map<String, String> cluster =
        new SparkSubmission(
                request(
                    SparkMaster.parse("yarn"),
                    DeployMode.CLUSTER,
                    Optional.empty(),
                    Map.of("spark.hadoop.yarn.resourcemanager.address", "rm:8032")))
            .effectiveConf(RUNTIME);
    assertEquals(
        "file:///rt/spark-core_2.13-4.0.1.jar,file:///rt/hadoop-client-api-3.4.2.jar",
        cluster.get("spark.yarn.jars"));
    assertEquals("false", cluster.get("spark.yarn.populateHadoopClasspath"));
    String flags = "--add-opens=java.base/java.nio=ALL-UNNAMED -XX:+IgnoreUnrecognizedVMOptions";
    assertEquals(flags, cluster.get("spark.driver.extraJavaOptions"));
    assertEquals(flags, cluster.get("spark.executor.extraJavaOptions"));

    Map<String, String> client =
        new SparkSubmission(
                request(
                    SparkMaster.parse("yarn"),
                    DeployMode.CLIENT,
                    Optional.empty(),
                    Map.of(
                        "spark.hadoop.yarn.resourcemanager.address",
                        "rm:8032",
                        "spark.yarn.archive",
                        "hdfs:///spark/libs.zip")))
            .effectiveConf(RUNTIME);
    assertEquals(
        null, client.get("spark.yarn.jars"), "the user's archive replaces the uploaded jars");
    assertEquals(null, client.get("spark.yarn.populateHadoopClasspath"));
    assertEquals("hdfs:///spark/libs.zip", client.get("spark.yarn.archive"));
    assertEquals(flags, client.get("spark.yarn.am.extraJavaOptions"));
  }

  private static SubmitRequest request(
      SparkMaster master, DeployMode mode, Optional<String> image, Map<String, String> conf) {
    return new SubmitRequest(
        "wordcount",
        Engine.SPARK,
        master,
        mode,
        image,
        conf,
        "/jobs/app.jar",
        Optional.empty(),
        List.of("--input", "in", "--output", "out"),
        List.of());
  }
}
