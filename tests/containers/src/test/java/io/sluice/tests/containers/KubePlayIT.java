package io.sluice.tests.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.runner.k8s.K8sManifests;
import io.sluice.runner.k8s.ManifestSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generated Job's pod spec runs on one machine with {@code podman kube play}. Podman 4.3
 * (Debian 12) plays Pod and Deployment kinds but not Job, so the Job's pod template is played as a
 * Pod ({@link K8sManifests#pod}), unchanged: same container, args, env, resources, volumes,
 * security context.
 */
class KubePlayIT {

  private static final String IMAGE = "localhost/sluice-jobs:kube-play";

  @TempDir static Path tmp;
  private static Path podYaml;

  @BeforeAll
  static void tagImage() throws IOException {
    Podman.assumeAvailable();
    // kube play takes images from podman's storage, by the manifest's name.
    Podman.run(Duration.ofMinutes(1), "tag", Podman.stored(TestImages.defaultImage()), IMAGE)
        .assertOk("podman tag");
  }

  /** The pod, and the name: the stored image stays for other classes (removed at the JVM's end). */
  @AfterAll
  static void cleanUp() {
    if (podYaml != null) {
      Podman.cleanUp("kube", "down", podYaml.toString());
    }
    Podman.cleanUp("untag", IMAGE, IMAGE);
  }

  @Test
  void generatedJobPodRunsWordcountOnAHostPathInput() throws IOException {
    Path input = TestImages.repoRoot().resolve("sample-data/text/river-notes.txt");
    Path in = Files.createDirectories(tmp.resolve("in"));
    Files.copy(input, in.resolve("notes.txt"));
    Path out = TestImages.worldWritable(tmp.resolve("out"));
    ManifestSpec spec =
        new ManifestSpec(
            "wordcount",
            List.of("--input", "/data/in/notes.txt", "--output", "/data/out/wc"),
            IMAGE,
            "default",
            "default",
            List.of(),
            List.of(),
            List.of(
                ManifestSpec.Mount.parse("host:" + in + ":/data/in:ro", 0),
                ManifestSpec.Mount.parse("host:" + out + ":/data/out", 1)),
            1024,
            1,
            1024,
            1,
            1,
            "4.0.1",
            "/opt/sluice/app/sluice-jobs.jar",
            List.of());
    podYaml = tmp.resolve("pod.yaml");
    Files.writeString(podYaml, K8sManifests.yamlOf(K8sManifests.pod(spec)));

    Podman.run(Duration.ofMinutes(5), "kube", "play", podYaml.toString())
        .assertOk("podman kube play");
    String container = spec.objectName() + "-" + K8sManifests.CONTAINER_NAME;
    String exit =
        Podman.run(Duration.ofMinutes(10), "wait", container)
            .assertOk("podman wait")
            .output()
            .strip();
    String logs = Podman.run(Duration.ofMinutes(1), "logs", container).output();
    assertEquals("0", exit.lines().reduce((a, b) -> b).orElse(""), Podman.tail(logs));
    assertTrue(
        logs.contains("wordcount [spark] done: read=21 accepted=21 rejected=0"), Podman.tail(logs));
    assertEquals(
        TestImages.expectedWordCounts(input), TestImages.readWordCounts(out.resolve("wc")));
  }
}
