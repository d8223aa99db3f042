package io.sluice.runner.image;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sluice.runner.UserJarOptions;
import io.sluice.runner.k8s.K8sManifests;
import io.sluice.runner.submit.AppJar;
import io.sluice.runner.submit.SparkSubmission;
import org.junit.jupiter.api.Test;

/** The image library sits below the CLI, so it names CLI parts by value: these are the CLI's. */
class ImageNamesCliTest {

  @Test
  void imageLibraryNamesTheCliEntrypointAndVariables() {
    assertEquals(ContainerEntrypoint.class.getName(), ImageLayout.ENTRYPOINT_CLASS);
    assertEquals(UserJarOptions.ENV, ImageLayout.USER_JARS_ENV);
    assertEquals(AppJar.IMAGE_APP_JAR_PATH, ImageLayout.APP_JAR_PATH);
    assertEquals(SparkSubmission.JOB_MAIN, K8sManifests.SPARK_JOB_MAIN);
  }
}
