package io.sluice.tests.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.JibContainerBuilder;
import com.google.cloud.tools.jib.api.RegistryImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import io.sluice.runner.image.BadImageInputException;
import io.sluice.runner.image.BaseImage;
import io.sluice.runner.image.BuiltImage;
import io.sluice.runner.image.ImageArchive;
import io.sluice.runner.image.ImageBuilder;
import io.sluice.runner.image.ImageDescription;
import io.sluice.runner.image.ImageLayout;
import io.sluice.runner.image.ImageSpec;
import io.sluice.runner.image.RegistryCredentials;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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
    } finally {
      Podman.cleanUp("rmi", "--force", ref);
    }
  }

  /**
   * An image pulled with podman and saved as a Docker-format tar ({@code podman save --format
   * docker-archive}: uncompressed layers, Docker's manifest) works as --base: its layers first,
   * then ours, its environment kept. The base is a small two-layer image: Jib extracts and gzips
   * every layer of such a tar on each build, some 30 s of this machine's two cores for this
   * project's own 1 GiB image, and what is checked does not depend on the base's size.
   */
  @Test
  void podmanSavedDockerArchiveAsBase() throws Exception {
    Podman.assumeAvailable();
    String ref = pushSmallBase("small-base:1");
    try {
      Podman.run(Duration.ofMinutes(2), "pull", "--tls-verify=false", ref)
          .assertOk("podman pull " + ref);
      Path baseTar = tmp.resolve("base-docker.tar");
      Podman.run(
              Duration.ofMinutes(2),
              "save",
              "--format",
              "docker-archive",
              "-o",
              baseTar.toString(),
              ref)
          .assertOk("podman save");
      var saved = ImageArchive.read(baseTar);
      assertEquals("docker", saved.format());
      assertEquals(2, saved.layers().size(), saved.layers().toString());
      assertTrue(
          saved.layers().stream().allMatch(l -> l.mediaType().equals("tar")),
          "podman saves uncompressed layers: " + saved.layers());

      Path out = tmp.resolve("on-tar-base.tar");
      TestImages.build(
          TestImages.written(
              ImageReference.of(null, "sluice-jobs", "on-tar"),
              BaseImage.parse(baseTar.toString()),
              out,
              ImageSpec.Format.DOCKER,
              RegistryCredentials.fromEnvironment()));
      var onTar = ImageArchive.read(out);
      assertEquals("docker", onTar.format());
      // The base's two layers (named as Jib names them in the history), then ours.
      assertEquals(
          List.of(
              "first",
              "second",
              ImageLayout.LAYER_SPARK_HADOOP,
              ImageLayout.LAYER_DEPENDENCIES,
              ImageLayout.LAYER_APPLICATION),
          onTar.layers().stream().map(ImageDescription.Layer::name).toList(),
          onTar.layers().toString());
      assertTrue(onTar.env().contains("SMALL_BASE=kept"), "base env kept: " + onTar.env());
    } finally {
      Podman.cleanUp("rmi", "--force", ref);
    }
  }

  /** Two one-file layers and an environment variable, pushed with Jib from scratch. */
  private static String pushSmallBase(String nameAndTag) throws Exception {
    Path files = Files.createDirectories(tmp.resolve("small-base"));
    String ref = address + "/" + nameAndTag;
    JibContainerBuilder image = Jib.fromScratch().addEnvironmentVariable("SMALL_BASE", "kept");
    for (String name : List.of("first", "second")) {
      Path file = Files.writeString(files.resolve(name + ".txt"), name + " layer\n");
      image.addFileEntriesLayer(
          FileEntriesLayer.builder()
              .setName(name)
              .addEntry(file, AbsoluteUnixPath.get("/opt/small-base/" + name + ".txt"))
              .build());
    }
    Path cache = tmp.resolve("small-base-cache");
    image.containerize(
        Containerizer.to(RegistryImage.named(ref))
            .setAllowInsecureRegistries(true) // the loopback registry speaks plain HTTP
            .setBaseImageLayersCache(cache)
            .setApplicationLayersCache(cache));
    return ref;
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
    var image = ImageArchive.read(out);
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
