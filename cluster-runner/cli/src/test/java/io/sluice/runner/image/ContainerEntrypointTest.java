package io.sluice.runner.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContainerEntrypointTest {

  @TempDir Path tmp;

  private Map<String, String> env(Map<String, String> extra) throws Exception {
    Path args =
        Files.writeString(
            tmp.resolve("jvm.args"),
            "--add-opens=java.base/java.lang=ALL-UNNAMED\n-cp\n/opt/sluice/app/a.jar:/opt/sluice/lib/b.jar\n");
    Map<String, String> env = new java.util.HashMap<>(extra);
    env.put("SLUICE_JVM_ARGS", args.toString());
    return env;
  }

  @Test
  void driverRunsSparkSubmitInClientModeBoundToThePodAddress() throws Exception {
    List<String> command =
        ContainerEntrypoint.driverCommand(
            List.of("--class", "X", "local:///app.jar", "a"),
            env(Map.of("SPARK_DRIVER_BIND_ADDRESS", "10.1.2.3", "SPARK_DRIVER_MEMORY", "2g")));
    int submit = command.indexOf(ContainerEntrypoint.SPARK_SUBMIT);
    assertTrue(command.subList(0, submit).contains("-Xmx2g"), command.toString());
    assertEquals(
        List.of(
            "--conf",
            "spark.driver.bindAddress=10.1.2.3",
            "--conf",
            "spark.executorEnv.SPARK_DRIVER_POD_IP=10.1.2.3",
            "--deploy-mode",
            "client",
            "--class",
            "X",
            "local:///app.jar",
            "a"),
        command.subList(submit + 1, command.size()));
    assertEquals(
        "/opt/sluice/app/a.jar:/opt/sluice/lib/b.jar", command.get(command.indexOf("-cp") + 1));
  }

  @Test
  void executorStartsTheKubernetesBackendFromSparkVariables() throws Exception {
    List<String> command =
        ContainerEntrypoint.executorCommand(
            env(
                Map.of(
                    "SPARK_EXECUTOR_MEMORY",
                    "1024m",
                    "SPARK_DRIVER_URL",
                    "spark://CoarseGrainedScheduler@d:7078",
                    "SPARK_EXECUTOR_ID",
                    "3",
                    "SPARK_EXECUTOR_CORES",
                    "2",
                    "SPARK_APPLICATION_ID",
                    "spark-1",
                    "SPARK_EXECUTOR_POD_IP",
                    "10.0.0.9",
                    "SPARK_JAVA_OPT_1",
                    "-Db=2",
                    "SPARK_JAVA_OPT_0",
                    "-Da=1",
                    "SPARK_CLASSPATH",
                    "/extra/*")));
    int main = command.indexOf(ContainerEntrypoint.EXECUTOR_BACKEND);
    assertTrue(
        command.indexOf("-Da=1") < command.indexOf("-Db=2"),
        "SPARK_JAVA_OPT_n in order: " + command);
    assertTrue(command.subList(0, main).containsAll(List.of("-Xms1024m", "-Xmx1024m")));
    assertEquals(
        "/extra/*:/opt/sluice/app/a.jar:/opt/sluice/lib/b.jar",
        command.get(command.indexOf("-cp") + 1));
    assertEquals(
        List.of(
            "--driver-url",
            "spark://CoarseGrainedScheduler@d:7078",
            "--executor-id",
            "3",
            "--cores",
            "2",
            "--app-id",
            "spark-1",
            "--hostname",
            "10.0.0.9",
            "--resourceProfileId",
            "0",
            "--podName",
            ""),
        command.subList(main + 1, command.size()));
  }
}
