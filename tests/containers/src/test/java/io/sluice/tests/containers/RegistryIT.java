package io.sluice.tests.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.tools.jib.api.ImageReference;
import io.sluice.runner.image.BadImageInputException;
import io.sluice.runner.image.BaseImage;
import io.sluice.runner.image.BuiltImage;
import io.sluice.runner.image.ImageBuilder;
import io.sluice.runner.image.ImageSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Push to a real registry (Debian's docker-registry on 127.0.0.1) and pull back with podman. */
class RegistryIT {

  @TempDir static Path tmp;
  private static LocalRegistry registry;
  private static String address;

  @BeforeAll
  static void startRegistry() throws Exception {
    registry = LocalRegistry.start(tmp.resolve("registry"), null);
    address = registry.address();
  }

  @AfterAll
  static void stopRegistry() throws InterruptedException {
    if (registry != null) {
      registry.close();
    }
  }

  @Test
  void pushesToTheRegistryAndPodmanPullsTheSameDigest() throws Exception {
    ImageReference image = ImageReference.of(null, "sluice-jobs", "pushed");
    ImageSpec spec =
        new ImageSpec(
            image,
            BaseImage.jlinkedFromRunningJdk(),
            null,
            ImageSpec.pushTarget(image, address),
            ImageSpec.Format.OCI,
            TestImages.runnerBuild(),
            TestImages.JOBS,
            "test",
            TestImages.cacheDir());
    BuiltImage pushed = TestImages.build(spec);
    assertEquals(address + "/sluice-jobs:pushed", pushed.destination());

    Podman.assumeAvailable();
    String ref = address + "/sluice-jobs:pushed";
    try {
      Podman.run(Duration.ofMinutes(5), "pull", "--tls-verify=false", ref)
          .assertOk("podman pull " + ref);
      String digest =
          Podman.run(Duration.ofMinutes(1), "image", "inspect", "--format", "{{.Digest}}", ref)
              .assertOk("podman image inspect")
              .output()
              .strip();
      assertEquals(pushed.digest(), digest);
      String jobs =
          Podman.run(
                  Duration.ofMinutes(1),
                  "image",
                  "inspect",
                  "--format",
                  "{{index .Labels \"" + ImageBuilder.LABEL_JOBS + "\"}}",
                  ref)
              .assertOk("podman image inspect")
              .output()
              .strip();
      assertEquals(String.join(",", TestImages.JOBS), jobs);

      // The pulled image saved as a Docker-format tar works as --base too.
      Path baseTar = tmp.resolve("base-docker.tar");
      Podman.run(
              Duration.ofMinutes(5),
              "save",
              "--format",
              "docker-archive",
              "-o",
              baseTar.toString(),
              ref)
          .assertOk("podman save");
      Path out = tmp.resolve("on-tar-base.tar");
      TestImages.build(
          new ImageSpec(
              ImageReference.of(null, "sluice-jobs", "on-tar"),
              BaseImage.parse(baseTar.toString()),
              out,
              null,
              ImageSpec.Format.DOCKER,
              TestImages.runnerBuild(),
              TestImages.JOBS,
              "test",
              TestImages.cacheDir()));
      var onTar = io.sluice.runner.image.ImageArchive.read(out);
      assertEquals("docker", onTar.format());
      assertEquals(8, onTar.layers().size(), onTar.layers().toString());
    } finally {
      Podman.cleanUp("rmi", "--force", ref);
    }
  }

  /** A registry image as --base: its layers first, then ours; java comes from the base's PATH. */
  @Test
  void registryImageAsBase() throws Exception {
    ImageReference baseRef = ImageReference.of(null, "sluice-base", "1");
    TestImages.build(
        new ImageSpec(
            baseRef,
            BaseImage.jlinkedFromRunningJdk(),
            null,
            ImageSpec.pushTarget(baseRef, address),
            ImageSpec.Format.DOCKER,
            TestImages.runnerBuild(),
            TestImages.JOBS,
            "test",
            TestImages.cacheDir()));
    Path out = tmp.resolve("on-base.tar");
    TestImages.build(
        new ImageSpec(
            ImageReference.of(null, "sluice-jobs", "on-base"),
            BaseImage.parse(address + "/sluice-base:1"),
            out,
            null,
            ImageSpec.Format.OCI,
            TestImages.runnerBuild(),
            TestImages.JOBS,
            "test",
            TestImages.cacheDir()));
    var image = io.sluice.runner.image.ImageArchive.read(out);
    assertEquals(8, image.layers().size(), image.layers().toString());
    assertEquals("java", image.entrypoint().get(0));
    assertTrue(image.env().contains("JAVA_HOME=/opt/java"), "base env kept: " + image.env());
  }

  @Test
  void baseImageMissingFromTheRegistryIsBadInput() {
    ImageReference image = ImageReference.of(null, "sluice-jobs", "never");
    ImageSpec spec =
        new ImageSpec(
            image,
            BaseImage.parse(address + "/no/such-base:17"),
            tmp.resolve("never.tar"),
            null,
            ImageSpec.Format.OCI,
            TestImages.runnerBuild(),
            TestImages.JOBS,
            "test",
            TestImages.cacheDir());
    BadImageInputException e =
        assertThrows(BadImageInputException.class, () -> new ImageBuilder(s -> {}).build(spec));
    assertTrue(
        e.getMessage().contains("no/such-base:17") && e.getMessage().contains("not found"),
        e.getMessage());
    assertTrue(Files.notExists(tmp.resolve("never.tar")));
  }
}
