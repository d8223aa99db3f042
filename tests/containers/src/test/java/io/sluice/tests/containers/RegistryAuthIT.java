package io.sluice.tests.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.tools.jib.api.ImageReference;
import io.sluice.runner.image.BadImageInputException;
import io.sluice.runner.image.BaseImage;
import io.sluice.runner.image.ImageArchive;
import io.sluice.runner.image.ImageBuilder;
import io.sluice.runner.image.ImageSpec;
import io.sluice.runner.image.RegistryCredentials;
import io.sluice.testing.RequiredTool;
import io.sluice.testing.SecretScan;
import io.sluice.testing.SluiceProcess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logins against a real registry that demands one: Debian's docker-registry with htpasswd (bcrypt)
 * authentication on 127.0.0.1, plain HTTP. `sluice package` runs as a process with an environment
 * of its own (HOME, REGISTRY_AUTH_FILE), so no login of the machine's user is picked up.
 */
class RegistryAuthIT {

  private static final Logger LOG = LoggerFactory.getLogger(RegistryAuthIT.class);
  private static final String USER = "sluice-ci";
  private static final String PASSWORD = "pw-" + UUID.randomUUID();
  // AWS credentials in the environment of the package run: nothing of them may reach the image.
  private static final String AWS_SECRET = "aws-secret-" + UUID.randomUUID();
  private static final String AWS_TOKEN = "aws-token-" + UUID.randomUUID();
  private static final SecretScan SECRETS =
      SecretScan.of(List.of(USER), List.of(PASSWORD, AWS_SECRET, AWS_TOKEN));
  private static final Pattern DIGEST = Pattern.compile("digest (sha256:[0-9a-f]{64})");

  @TempDir static Path tmp;
  @AutoClose private static LocalRegistry registry;
  private static String address;

  @BeforeAll
  static void startRegistryWithLogins() throws Exception {
    LocalRegistry.assumeInstalled();
    // The registry's login file is made with htpasswd, from Debian's apache2-utils.
    Path htpasswd = RequiredTool.onPath("htpasswd", "sudo bin/setup.d/10-podman.sh");
    Path users = tmp.resolve("htpasswd");
    Process p =
        new ProcessBuilder(htpasswd.toString(), "-Bbn", USER, PASSWORD)
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    String line = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0, "htpasswd -Bbn failed");
    Files.writeString(users, line);
    registry = LocalRegistry.start(tmp.resolve("registry"), users);
    address = registry.address();
  }

  /**
   * A home with no logins and podman's auth file where the test says; nothing from the machine's
   * user.
   */
  private static Map<String, String> isolatedEnv(Path authFile) throws Exception {
    Map<String, String> env = new HashMap<>();
    env.put("HOME", Files.createDirectories(tmp.resolve("home")).toString());
    env.put("REGISTRY_AUTH_FILE", authFile.toString());
    env.put("XDG_RUNTIME_DIR", null);
    env.put("XDG_CONFIG_HOME", null);
    env.put("DOCKER_CONFIG", null);
    return env;
  }

  private static SluiceProcess.Result packageTo(
      String tag, Map<String, String> env, String... extra) throws Exception {
    String[] args =
        Stream.concat(
                Stream.of(
                    "--image",
                    "sluice-jobs:" + tag,
                    "--push",
                    address,
                    "--cache-dir",
                    TestImages.cacheDir().toString()),
                Stream.of(extra))
            .toArray(String[]::new);
    return TestImages.packageCommand(args)
        .workDir(Files.createDirectories(tmp.resolve("work")))
        .env(env)
        .timeoutSeconds(600)
        .run();
  }

  private static String digestOf(SluiceProcess.Result result) {
    Matcher m = DIGEST.matcher(result.stdout());
    assertTrue(m.find(), "no digest in: " + result.stdout());
    return m.group(1);
  }

  @Test
  void pushWithoutALoginIsBadInputNamingTheRegistryTheSourcesAndHowToLogIn() throws Exception {
    Path noAuth = tmp.resolve("no-login/auth.json");
    SluiceProcess.Result result = packageTo("anonymous", isolatedEnv(noAuth));

    assertEquals(2, result.exitCode(), () -> result.stdout() + Podman.tail(result.stderr()));
    String error =
        result
            .stderr()
            .lines()
            .filter(l -> l.startsWith("sluice: "))
            .findFirst()
            .orElseThrow(
                () -> new AssertionError("no error line in:\n" + Podman.tail(result.stderr())));
    LOG.info("refused as expected: {}", error);
    assertTrue(
        error.startsWith(
            "sluice: registry "
                + address
                + " needs a login to push sluice-jobs (401 Unauthorized)"
                + " and none was found; tried: podman auth file "
                + noAuth
                + " (absent), Docker config "
                + tmp.resolve("home/.docker/config.json")
                + " (absent)"),
        error);
    assertTrue(
        error.endsWith(
            "log in with `podman login --tls-verify=false "
                + address
                + "` or pass"
                + " --registry-username USER --registry-password-env VAR"),
        error);
    assertFalse(
        result.stderr().contains("\tat "), () -> "a stack trace:\n" + Podman.tail(result.stderr()));
  }

  @Test
  void aWrongPasswordIsBadInputNamingTheLoginThatWasRefused() {
    ImageReference image = ImageReference.of(null, "sluice-jobs", "wrong");
    RegistryCredentials wrong =
        RegistryCredentials.resolve(
            USER,
            "REG_PASS",
            Map.of(
                "REG_PASS",
                "not-" + PASSWORD,
                "HOME",
                tmp.resolve("home").toString(),
                "REGISTRY_AUTH_FILE",
                tmp.resolve("none.json").toString()));
    ImageSpec spec = TestImages.pushed(image, address, ImageSpec.Format.OCI, wrong);
    BadImageInputException e =
        assertThrows(BadImageInputException.class, () -> new ImageBuilder(s -> {}).build(spec));
    LOG.info("refused as expected: {}", e.getMessage());
    assertTrue(
        e.getMessage()
            .startsWith(
                "registry "
                    + address
                    + " refused the login from --registry-username "
                    + USER
                    + " with --registry-password-env REG_PASS to push sluice-jobs (401 Unauthorized)"),
        e.getMessage());
    assertFalse(e.getMessage().contains(PASSWORD), "the password never shows");
  }

  /**
   * The flags push; podman, logged in with its own auth file, pulls the same digest; that auth file
   * alone pushes, and lets a private image of the registry be the --base (which, anonymous, is
   * refused).
   */
  @Test
  void flagsPushPodmanPullsAndItsAuthFileAlonePushesAndPullsAPrivateBase() throws Exception {
    Path authFile = tmp.resolve("podman-login/auth.json");
    Map<String, String> flagsEnv = isolatedEnv(tmp.resolve("unused/auth.json"));
    flagsEnv.put("REG_PASS", PASSWORD);
    flagsEnv.put("AWS_ACCESS_KEY_ID", "AKIASLUICETESTKEY01");
    flagsEnv.put("AWS_SECRET_ACCESS_KEY", AWS_SECRET);
    flagsEnv.put("AWS_SESSION_TOKEN", AWS_TOKEN);
    SluiceProcess.Result pushed =
        packageTo(
            "flags", flagsEnv, "--registry-username", USER, "--registry-password-env", "REG_PASS");
    assertEquals(0, pushed.exitCode(), () -> pushed.stdout() + Podman.tail(pushed.stderr()));
    SECRETS.assertAbsent("the push's output", pushed.stdout() + pushed.stderr());
    String digest = digestOf(pushed);
    // Nor is it in the image pushed with it: every layer, the config (labels) and the manifest, as
    // the registry stored them.
    long scanStart = System.nanoTime();
    long scanned = SECRETS.assertAbsentUnder(tmp.resolve("registry/data"), f -> false);
    LOG.info(
        "no secret in the pushed image: {} bytes searched in {} ms",
        scanned,
        (System.nanoTime() - scanStart) / 1_000_000);
    assertTrue(scanned > 1_000_000, "the scan saw the image's layers");

    Podman.assumeAvailable();
    String ref = address + "/sluice-jobs:flags";
    TestImages.storeSharedLayers(); // the pull below then fetches the application layer alone
    try {
      Files.createDirectories(authFile.getParent());
      String refused =
          Podman.run(Duration.ofMinutes(1), "pull", "--tls-verify=false", ref)
              .assertFailed("podman pull before logging in")
              .output();
      assertTrue(
          refused.toLowerCase(java.util.Locale.ROOT).contains("unauthorized")
              || refused.toLowerCase(java.util.Locale.ROOT).contains("authentication required"),
          refused);
      Podman.run(
              Duration.ofMinutes(1),
              "login",
              "--tls-verify=false",
              "--authfile",
              authFile.toString(),
              "--username",
              USER,
              "--password",
              PASSWORD,
              address)
          .assertOk("podman login " + address);
      Podman.run(
              Duration.ofMinutes(5),
              "pull",
              "--tls-verify=false",
              "--authfile",
              authFile.toString(),
              ref)
          .assertOk("podman pull " + ref);
      assertEquals(digest, Podman.inspect(ref, "{{.Digest}}"));
    } finally {
      Podman.cleanUp("rmi", "--force", ref);
    }

    SluiceProcess.Result fromFile = packageTo("auth-file", isolatedEnv(authFile));
    assertEquals(0, fromFile.exitCode(), () -> fromFile.stdout() + Podman.tail(fromFile.stderr()));
    assertTrue(
        fromFile.stdout().startsWith("image " + address + "/sluice-jobs:auth-file: pushed"),
        fromFile.stdout());
    // Not compared with the first digest: the revision label turns "-dirty" if the checkout changes
    // meanwhile.
    digestOf(fromFile);

    // The pushed image as a private --base: pulled with the auth file, refused without a login.
    ImageReference onBase = ImageReference.of(null, "sluice-jobs", "on-private-base");
    Path out = tmp.resolve("on-private-base.tar");
    TestImages.build(
        TestImages.written(
            onBase,
            BaseImage.parse(ref),
            out,
            ImageSpec.Format.OCI,
            RegistryCredentials.resolve(null, null, withoutNulls(isolatedEnv(authFile)))));
    assertEquals(8, ImageArchive.read(out).layers().size());
    SECRETS.assertAbsentUnder(out, f -> false); // built with the login's credentials

    Path never = tmp.resolve("never.tar");
    BadImageInputException anonymous =
        assertThrows(
            BadImageInputException.class,
            () ->
                new ImageBuilder(s -> {})
                    .build(
                        TestImages.written(
                            onBase,
                            BaseImage.parse(ref),
                            never,
                            ImageSpec.Format.OCI,
                            RegistryCredentials.anonymous())));
    assertTrue(
        anonymous
            .getMessage()
            .startsWith(
                "registry "
                    + address
                    + " needs a login to pull the base image"
                    + " sluice-jobs (401 Unauthorized) and none was found; tried: none (anonymous)"),
        anonymous.getMessage());
    assertTrue(Files.notExists(never));
  }

  private static Map<String, String> withoutNulls(Map<String, String> env) {
    Map<String, String> copy = new HashMap<>(env);
    copy.values().removeIf(java.util.Objects::isNull);
    return copy;
  }
}
