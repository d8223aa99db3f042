package io.sluice.runner.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.tools.jib.api.Credential;
import com.google.cloud.tools.jib.api.CredentialRetriever;
import com.google.cloud.tools.jib.api.ImageReference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistryCredentialsTest {

  private static final ImageReference IMAGE =
      ImageReference.of("registry.example.com:5000", "team/jobs", "1");

  @TempDir Path tmp;

  private Map<String, String> env(String... keyValues) {
    Map<String, String> env = new HashMap<>();
    env.put("HOME", tmp.resolve("home").toString());
    for (int i = 0; i < keyValues.length; i += 2) {
      env.put(keyValues[i], keyValues[i + 1]);
    }
    return env;
  }

  /** An auths file as `podman login` / `docker login` write it. */
  private Path authFile(Path file, String registry, String user, String password) throws Exception {
    Files.createDirectories(file.getParent());
    String auth =
        Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    return Files.writeString(
        file, "{\"auths\":{\"" + registry + "\":{\"auth\":\"" + auth + "\"}}}");
  }

  /** As Jib uses them: the first retriever that answers wins. */
  private static Optional<Credential> firstFound(List<CredentialRetriever> retrievers)
      throws Exception {
    for (CredentialRetriever r : retrievers) {
      Optional<Credential> c = r.retrieve();
      if (c.isPresent()) {
        return c;
      }
    }
    return Optional.empty();
  }

  @Test
  void sourcesInOrderExplicitThenPodmanThenDockerThenHelpers() {
    RegistryCredentials credentials =
        RegistryCredentials.resolve(
            "ci", "REG_PASS", env("REG_PASS", "s3cret", "XDG_RUNTIME_DIR", "/run/user/1000"));
    List<String> described =
        credentials.sources().stream().map(RegistryCredentials.Source::describe).toList();
    Path home = tmp.resolve("home");
    assertEquals(
        List.of(
            "--registry-username ci with --registry-password-env REG_PASS",
            "podman auth file /run/user/1000/containers/auth.json",
            "podman auth file " + home.resolve(".config/containers/auth.json"),
            "Docker config " + home.resolve(".docker/config.json"),
            "well-known credential helpers"),
        described);
    assertFalse(credentials.sources().toString().contains("s3cret"), "the password never shows");
  }

  @Test
  void registryAuthFileReplacesPodmanDefaultsAndDockerConfigFollowsDockerConfigDir() {
    RegistryCredentials credentials =
        RegistryCredentials.resolve(
            null,
            null,
            env(
                "REGISTRY_AUTH_FILE",
                "/tmp/ci/auth.json",
                "XDG_RUNTIME_DIR",
                "/run/user/1000",
                "DOCKER_CONFIG",
                "/etc/dkr"));
    assertEquals(
        List.of(
            new RegistryCredentials.Source.AuthFile(
                "podman auth file", Path.of("/tmp/ci/auth.json")),
            new RegistryCredentials.Source.AuthFile(
                "Docker config", Path.of("/etc/dkr/config.json")),
            new RegistryCredentials.Source.CredentialHelpers()),
        credentials.sources());
    assertTrue(credentials.explicit().isEmpty());
  }

  @Test
  void explicitLoginWinsOverAuthFilesWhichWinOverDockerConfig() throws Exception {
    Path podman =
        authFile(tmp.resolve("podman/auth.json"), "registry.example.com:5000", "from-podman", "p1");
    Path docker =
        authFile(
            tmp.resolve("docker/config.json"), "registry.example.com:5000", "from-docker", "p2");
    Map<String, String> env =
        env(
            "REGISTRY_AUTH_FILE",
            podman.toString(),
            "DOCKER_CONFIG",
            docker.getParent().toString(),
            "REG_PASS",
            "p0");

    RegistryCredentials explicit = RegistryCredentials.resolve("from-flags", "REG_PASS", env);
    assertEquals(
        Credential.from("from-flags", "p0"),
        firstFound(explicit.lookup(IMAGE, true, e -> {}).retrievers()).orElseThrow());

    RegistryCredentials.Lookup files = explicit.lookup(IMAGE, false, e -> {});
    assertEquals(
        Credential.from("from-podman", "p1"),
        firstFound(files.retrievers()).orElseThrow(),
        "the explicit login is not offered to another registry");
    assertEquals(
        Optional.of(new RegistryCredentials.Source.AuthFile("podman auth file", podman)),
        files.used());

    Files.delete(podman);
    RegistryCredentials.Lookup dockerOnly =
        RegistryCredentials.resolve(null, null, env).lookup(IMAGE, true, e -> {});
    assertEquals(
        Credential.from("from-docker", "p2"), firstFound(dockerOnly.retrievers()).orElseThrow());
    assertEquals(
        "podman auth file " + podman + " (absent), Docker config " + docker + " (used)",
        dockerOnly.tried(),
        "the helpers after the login found were not asked");
  }

  @Test
  void nothingFoundSaysWhatWasTried() throws Exception {
    Path other = authFile(tmp.resolve("podman/auth.json"), "ghcr.io", "u", "p");
    RegistryCredentials.Lookup lookup =
        RegistryCredentials.resolve(null, null, env("REGISTRY_AUTH_FILE", other.toString()))
            .lookup(IMAGE, true, e -> {});
    assertTrue(firstFound(lookup.retrievers()).isEmpty());
    assertTrue(lookup.used().isEmpty());
    assertEquals(
        "podman auth file "
            + other
            + " (nothing for registry.example.com:5000), Docker config "
            + tmp.resolve("home/.docker/config.json")
            + " (absent), well-known credential helpers (nothing for"
            + " registry.example.com:5000)",
        lookup.tried());
  }

  @Test
  void anonymousOffersNothing() {
    RegistryCredentials.Lookup lookup =
        RegistryCredentials.anonymous().lookup(IMAGE, true, e -> {});
    assertTrue(lookup.retrievers().isEmpty());
    assertEquals("none (anonymous)", lookup.tried());
  }

  @Test
  void badLoginOptionsAreOneLineErrors() {
    BadImageInputException noEnv =
        assertThrows(
            BadImageInputException.class, () -> RegistryCredentials.resolve("ci", null, env()));
    assertTrue(
        noEnv.getMessage().startsWith("--registry-username ci needs --registry-password-env VAR"),
        noEnv.getMessage());
    BadImageInputException noUser =
        assertThrows(
            BadImageInputException.class,
            () -> RegistryCredentials.resolve(null, "REG_PASS", env()));
    assertEquals(
        "--registry-password-env REG_PASS needs --registry-username USER", noUser.getMessage());
    BadImageInputException unset =
        assertThrows(
            BadImageInputException.class,
            () -> RegistryCredentials.resolve("ci", "REG_PASS", env()));
    assertTrue(
        unset
            .getMessage()
            .startsWith(
                "--registry-password-env REG_PASS: environment variable REG_PASS is not set"),
        unset.getMessage());
    BadImageInputException empty =
        assertThrows(
            BadImageInputException.class,
            () -> RegistryCredentials.resolve("ci", "REG_PASS", env("REG_PASS", "")));
    assertTrue(empty.getMessage().contains("REG_PASS is empty"), empty.getMessage());
  }

  @Test
  void explicitLoginNeedsARegistryToLogInto() {
    RegistryCredentials explicit =
        RegistryCredentials.resolve("ci", "REG_PASS", env("REG_PASS", "x"));
    BadImageInputException e =
        assertThrows(
            BadImageInputException.class,
            () ->
                new ImageSpec(
                    ImageReference.of(null, "jobs", "1"),
                    BaseImage.jlinkedFromRunningJdk(),
                    tmp.resolve("out.tar"),
                    null,
                    ImageSpec.Format.OCI,
                    new RunnerBuild(List.of(tmp), List.of()),
                    List.of(),
                    "test",
                    tmp,
                    explicit,
                    List.of()));
    assertTrue(e.getMessage().contains("this build uses neither"), e.getMessage());
  }

  @Test
  void loginRegistryIsThePushTargetElseTheBase() {
    ImageReference image = ImageReference.of(null, "jobs", "1");
    ImageSpec push = onRegistryBase(null, ImageSpec.pushTarget(image, "registry.example.com:5000"));
    assertEquals("registry.example.com:5000", push.loginRegistry());
    ImageSpec tar = onRegistryBase(tmp.resolve("o.tar"), null);
    assertEquals("ghcr.io", tar.loginRegistry());
  }

  /** An anonymous build of jobs:1 on a registry base, to a tar or pushed. */
  private ImageSpec onRegistryBase(Path outputTar, ImageReference pushTarget) {
    return new ImageSpec(
        ImageReference.of(null, "jobs", "1"),
        BaseImage.parse("ghcr.io/org/jre:17"),
        outputTar,
        pushTarget,
        ImageSpec.Format.OCI,
        new RunnerBuild(List.of(tmp), List.of()),
        List.of(),
        "test",
        tmp,
        RegistryCredentials.anonymous(),
        List.of());
  }
}
