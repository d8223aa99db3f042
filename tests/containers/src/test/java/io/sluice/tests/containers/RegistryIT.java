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
import io.sluice.runner.image.RegistryCredentials;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Push to a real registry (Debian's docker-registry on 127.0.0.1) and pull back with podman. */
class RegistryIT {

  @TempDir static Path tmp;
  @AutoClose private static LocalRegistry registry;
  private static String address;

  @BeforeAll
  static void startRegistry() throws Exception {
    registry = LocalRegistry.start(tmp.resolve("registry"), null);
    address = registry.address();
  }

  @Test
  void pushesToTheRegistryAndPodmanPullsTheSameDigest() throws Exception {
    ImageReference image = ImageReference.of(null, "sluice-jobs", "pushed");
    BuiltImage pushed =
        TestImages.build(
            TestImages.pushed(
                image, address, ImageSpec.Format.OCI, RegistryCredentials.fromEnvironment()));
    assertEquals(address + "/sluice-jobs:pushed", pushed.destination());

    Podman.assumeAvailable();
    String ref = address + "/sluice-jobs:pushed";
    TestImages.storeSharedLayers(); // the pull below then fetches the application layer alone
    try {
      Podman.run(Duration.ofMinutes(5), "pull", "--tls-verify=false", ref)
          .assertOk("podman pull " + ref);
      assertEquals(pushed.digest(), Podman.inspect(ref, "{{.Digest}}"));
      assertEquals(
          String.join(",", TestImages.JOBS),
          Podman.inspect(ref, "{{index .Labels \"" + ImageBuilder.LABEL_JOBS + "\"}}"));

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
          TestImages.written(
              ImageReference.of(null, "sluice-jobs", "on-tar"),
              BaseImage.parse(baseTar.toString()),
              out,
              ImageSpec.Format.DOCKER,
              RegistryCredentials.fromEnvironment()));
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
        TestImages.pushed(
            baseRef, address, ImageSpec.Format.DOCKER, RegistryCredentials.fromEnvironment()));
    Path out = tmp.resolve("on-base.tar");
    TestImages.build(
        TestImages.written(
            ImageReference.of(null, "sluice-jobs", "on-base"),
            BaseImage.parse(address + "/sluice-base:1"),
            out,
            ImageSpec.Format.OCI,
            RegistryCredentials.fromEnvironment()));
    var image = io.sluice.runner.image.ImageArchive.read(out);
    assertEquals(8, image.layers().size(), image.layers().toString());
    assertEquals("java", image.entrypoint().get(0));
    assertTrue(image.env().contains("JAVA_HOME=/opt/java"), "base env kept: " + image.env());
  }

  @Test
  void baseImageMissingFromTheRegistryIsBadInput() {
    ImageSpec spec =
        TestImages.written(
            ImageReference.of(null, "sluice-jobs", "never"),
            BaseImage.parse(address + "/no/such-base:17"),
            tmp.resolve("never.tar"),
            ImageSpec.Format.OCI,
            RegistryCredentials.fromEnvironment());
    BadImageInputException e =
        assertThrows(BadImageInputException.class, () -> new ImageBuilder(s -> {}).build(spec));
    assertTrue(
        e.getMessage().contains("no/such-base:17") && e.getMessage().contains("not found"),
        e.getMessage());
    assertTrue(Files.notExists(tmp.resolve("never.tar")));
  }
}
