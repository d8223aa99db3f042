package io.sluice.runner.image;

import io.sluice.jobs.Job;
import io.sluice.jobs.JobRegistry;
import io.sluice.runner.ExitCode;
import io.sluice.runner.OutputCommand;
import io.sluice.runner.UserJarOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code sluice package}: the jobs as an OCI image, built without a container daemon. */
@Command(
    name = "package",
    description = {
      "Build an OCI image of the jobs without a Docker daemon, to a tar or a registry.",
      "Run it as: IMAGE run JOB [options] | IMAGE driver ... | IMAGE executor (Spark on Kubernetes).",
      "--jar JAR adds your jobs (and libraries the image lacks) to the application layer, in "
          + ImageLayout.USER_JARS_DIR
          + "."
    })
public final class PackageCommand extends OutputCommand {

  @Option(
      names = "--image",
      required = true,
      paramLabel = "NAME:TAG",
      description = "image name, e.g. sluice-jobs:0.1.0")
  String image;

  @Option(
      names = "--base",
      paramLabel = "IMAGE|FILE.tar",
      description =
          "base with a Java 17+ runtime: a registry image or a Docker-format tar"
              + " (default: a runtime jlink-ed from this JDK plus the native libraries it needs)")
  String base;

  @Option(names = "--out", paramLabel = "FILE.tar", description = "write the image to this tar")
  Path out;

  @Option(
      names = "--push",
      paramLabel = "REGISTRY",
      description = "push to this registry, e.g. 127.0.0.1:5000")
  String push;

  @Option(
      names = "--format",
      paramLabel = "oci|docker",
      defaultValue = "oci",
      description = "manifest format (default: ${DEFAULT-VALUE})")
  String format;

  @Option(
      names = RegistryCredentials.USERNAME_OPTION,
      paramLabel = "USER",
      description =
          "login for the --push registry (with --out: the --base registry); the password comes from"
              + " --registry-password-env. Without it: podman's auth file ($REGISTRY_AUTH_FILE,"
              + " $XDG_RUNTIME_DIR/containers/auth.json, ~/.config/containers/auth.json), ~/.docker/config.json,"
              + " then the well-known credential helpers")
  String registryUsername;

  @Option(
      names = RegistryCredentials.PASSWORD_ENV_OPTION,
      paramLabel = "VAR",
      description =
          "name of the environment variable holding the registry password or token"
              + " (never the password itself on the command line)")
  String registryPasswordEnv;

  @Mixin UserJarOptions userJars;

  @Option(
      names = "--cache-dir",
      paramLabel = "DIR",
      description =
          "layer and runtime cache for fast rebuilds (default: $XDG_CACHE_HOME/sluice/image or ~/.cache/sluice/image)")
  Path cacheDir;

  @Override
  public Integer call() {
    PrintWriter err = err();
    // The request is checked before anything is read or built.
    var reference = ImageReferences.parse(image, "--image");
    BaseImage baseImage = BaseImage.parse(base);
    ImageSpec.Format imageFormat = ImageSpec.Format.parse(format);
    var pushTarget = ImageSpec.pushTarget(reference, push);
    RegistryCredentials credentials =
        RegistryCredentials.resolve(registryUsername, registryPasswordEnv, System.getenv());
    // The users' jobs are checked (and named in the jobs label) before anything is built.
    JobRegistry registry = userJars.registry();
    RunnerBuild build = RunnerBuild.current(PackageCommand.class);
    ImageSpec imageSpec =
        new ImageSpec(
            reference,
            baseImage,
            out,
            pushTarget,
            imageFormat,
            build,
            registry.all().stream().map(Job::name).toList(),
            gitCommit(build),
            cacheDir == null ? defaultCacheDir() : cacheDir,
            credentials,
            ImageLayout.missingFrom(registry.userJars(), build.classpath()));
    err.println("package: " + imageSpec.image() + " -> " + imageSpec.destination());
    err.flush();
    BuiltImage built =
        new ImageBuilder(
                line -> {
                  err.println(line);
                  err.flush();
                })
            .build(imageSpec);
    PrintWriter stdout = out();
    stdout.println(built.toLine());
    stdout.flush();
    return ExitCode.OK;
  }

  static Path defaultCacheDir() {
    String xdg = System.getenv("XDG_CACHE_HOME");
    Path root =
        xdg != null && !xdg.isBlank()
            ? Path.of(xdg)
            : Path.of(System.getProperty("user.home"), ".cache");
    return root.resolve("sluice").resolve("image");
  }

  /**
   * The commit of the checkout the build came from, "-dirty" with uncommitted changes; "unknown"
   * outside git.
   */
  static String gitCommit(RunnerBuild build) {
    Path dir = build.classpath().get(0);
    String head = git(dir, "rev-parse", "HEAD");
    if (head.isEmpty()) {
      return "unknown";
    }
    return git(dir, "status", "--porcelain", "--untracked-files=no").isEmpty()
        ? head
        : head + "-dirty";
  }

  private static String git(Path dir, String... args) {
    try {
      List<String> command = new java.util.ArrayList<>(List.of("git", "-C", dir.toString()));
      command.addAll(List.of(args));
      Process p =
          new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0 ? out : "";
    } catch (IOException e) {
      return "";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    }
  }
}
