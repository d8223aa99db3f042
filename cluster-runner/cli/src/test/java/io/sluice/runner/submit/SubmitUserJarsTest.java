package io.sluice.runner.submit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.jobs.Engine;
import io.sluice.jobs.JobRegistry;
import io.sluice.jobs.userjar.UserJobJar;
import io.sluice.runner.cluster.SparkRuntime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which jar is the application and which go along, for spark-submit, the Hadoop job client and
 * images.
 */
class SubmitUserJarsTest {

  private static final SparkRuntime RUNTIME =
      new SparkRuntime(
          List.of(Path.of("/rt/spark-core_2.13-4.0.1.jar")), List.of(), Path.of("/jdk/bin/java"));

  @TempDir static Path dir;

  private static Path jobs;
  private static Path library;

  @BeforeAll
  static void jars() throws Exception {
    jobs = UserJobJar.letters("letters", "Letters").build(dir.resolve("my-jobs.jar"));
    library =
        UserJobJar.jar(
            dir.resolve("my-lib.jar"),
            Map.of("com.example.lib.Util", "package com.example.lib; public class Util {}"),
            Map.of());
  }

  private static JobRegistry registry(Path... jars) {
    return JobRegistry.load(JobRegistry.class.getClassLoader(), List.of(jars));
  }

  @Test
  void theJobsOwnFirstJarIsTheApplicationAndSluicesJobsJarGoesAlong() {
    JobJars jars =
        JobJars.of(registry(jobs, library), "letters", "/sluice/jobs-app.jar", false, List.of());
    assertEquals(jobs.toString(), jars.application());
    assertEquals(List.of("/sluice/jobs-app.jar", library.toString()), jars.others());

    SubmitRequest request =
        new SubmitRequest(
            "letters",
            Engine.SPARK,
            SparkMaster.parse("local[2]"),
            DeployMode.CLIENT,
            Optional.empty(),
            Map.of(),
            jars.application(),
            Optional.empty(),
            List.of("--input", "i"),
            jars.others());
    List<String> args = new SparkSubmission(request).sparkSubmitArgs(RUNTIME);
    int at = args.indexOf("--jars");
    assertEquals("/sluice/jobs-app.jar," + library, args.get(at + 1));
    assertEquals(
        List.of(jobs.toString(), "letters", "--input", "i"), args.subList(at + 2, args.size()));
  }

  @Test
  void aBuiltInJobOrALaterJarsJobKeepsSluicesJarAsTheApplication() {
    JobJars builtIn =
        JobJars.of(registry(jobs), "wordcount", "/sluice/jobs-app.jar", false, List.of());
    assertEquals("/sluice/jobs-app.jar", builtIn.application());
    assertEquals(List.of(jobs.toString()), builtIn.others());
    JobJars second =
        JobJars.of(registry(library, jobs), "letters", "/sluice/jobs-app.jar", false, List.of());
    assertEquals("/sluice/jobs-app.jar", second.application());
    assertEquals(List.of(library.toString(), jobs.toString()), second.others());
    assertEquals(
        List.of(), JobJars.of(registry(), "wordcount", "/a.jar", false, List.of()).others());
  }

  @Test
  void inAnImageTheJarsAreWherePackagePutThemAndHeldLibrariesStayOut() throws Exception {
    Path copyInImage = Files.createDirectories(dir.resolve("image-cp")).resolve("my-lib.jar");
    Files.copy(library, copyInImage);
    JobJars jars =
        JobJars.of(
            registry(jobs, library), "letters", AppJar.IMAGE_APP_JAR, true, List.of(copyInImage));
    assertEquals("local:///opt/sluice/app/user/my-jobs.jar", jars.application());
    assertEquals(List.of(AppJar.IMAGE_APP_JAR), jars.others());
  }

  @Test
  void mapReduceOnYarnShipsTheOtherJarsAsLibjars() {
    JobJars jars =
        JobJars.of(registry(jobs, library), "letters", "/sluice/jobs-app.jar", false, List.of());
    SubmitRequest request =
        new SubmitRequest(
            "letters",
            Engine.MAPREDUCE,
            SparkMaster.parse("yarn"),
            DeployMode.CLIENT,
            Optional.empty(),
            Map.of(SubmitRequest.RM_ADDRESS, "127.0.0.1:8032"),
            jars.application(),
            Optional.empty(),
            List.of("--input", "i"),
            jars.others());
    List<String> command = new HadoopJarProcess(request).command(RUNTIME);
    String classpath = command.get(command.indexOf("-cp") + 1);
    assertTrue(classpath.startsWith(jobs + ":/sluice/jobs-app.jar:" + library + ":"), classpath);
    int main = command.indexOf(HadoopJarProcess.JOB_MAIN);
    assertEquals(
        List.of(
            "-D",
            "mapreduce.framework.name=yarn",
            "-D",
            SubmitRequest.RM_ADDRESS + "=127.0.0.1:8032",
            "-libjars",
            "/sluice/jobs-app.jar," + library,
            "letters",
            "--input",
            "i"),
        command.subList(main + 1, command.size()));
  }
}
