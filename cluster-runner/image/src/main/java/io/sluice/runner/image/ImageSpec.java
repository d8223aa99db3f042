package io.sluice.runner.image;

import com.google.cloud.tools.jib.api.ImageReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Everything one {@code sluice package} needs, validated on construction: the image name, base,
 * where it goes (a tar or a registry), its format, the build it packs, the cache for rebuilds, and
 * where registry logins come from.
 */
public record ImageSpec(
    ImageReference image,
    BaseImage base,
    Path outputTar,
    ImageReference pushTarget,
    Format format,
    RunnerBuild build,
    List<String> jobs,
    String gitCommit,
    Path cacheDir,
    RegistryCredentials credentials,
    List<Path> userJars) {

  /** The image manifest format. Podman, Docker and every registry read both. */
  public enum Format {
    OCI,
    DOCKER;

    public static Format parse(String text) {
      return switch (text.toLowerCase(Locale.ROOT)) {
        case "oci" -> OCI;
        case "docker" -> DOCKER;
        default ->
            throw new BadImageInputException(
                "--format '" + text + "' is not a format: use oci or docker");
      };
    }
  }

  public ImageSpec {
    Objects.requireNonNull(image, "image");
    Objects.requireNonNull(base, "base");
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(build, "build");
    Objects.requireNonNull(cacheDir, "cacheDir");
    Objects.requireNonNull(credentials, "credentials");
    jobs = List.copyOf(jobs);
    userJars = List.copyOf(userJars);
    gitCommit = gitCommit == null ? "unknown" : gitCommit;
    if ((outputTar == null) == (pushTarget == null)) {
      throw new BadImageInputException("give exactly one of --out FILE.tar or --push REGISTRY");
    }
    if (outputTar != null) {
      Path parent = outputTar.toAbsolutePath().getParent();
      if (parent == null || !Files.isDirectory(parent)) {
        throw new BadImageInputException(
            "--out " + outputTar + ": directory " + parent + " does not exist");
      }
      if (Files.isDirectory(outputTar)) {
        throw new BadImageInputException(
            "--out " + outputTar + " is a directory; name the tar file to write");
      }
    }
    if (credentials.explicit().isPresent()
        && pushTarget == null
        && !(base instanceof BaseImage.Registry)) {
      throw new BadImageInputException(
          RegistryCredentials.USERNAME_OPTION
              + " is the login for --push REGISTRY"
              + " or a registry --base image; this build uses neither");
    }
  }

  /**
   * An image of the build alone, without users' jars, with the standard credential sources of this
   * process's environment (podman/Docker logins, helpers).
   */
  public ImageSpec(
      ImageReference image,
      BaseImage base,
      Path outputTar,
      ImageReference pushTarget,
      Format format,
      RunnerBuild build,
      List<String> jobs,
      String gitCommit,
      Path cacheDir) {
    this(
        image,
        base,
        outputTar,
        pushTarget,
        format,
        build,
        jobs,
        gitCommit,
        cacheDir,
        RegistryCredentials.fromEnvironment(),
        List.of());
  }

  /**
   * The registry the explicit {@code --registry-username} logs into: the push target's, else
   * (building to a tar) the registry --base's. Other registries never see that password.
   */
  public String loginRegistry() {
    if (pushTarget != null) {
      return pushTarget.getRegistry();
    }
    return base instanceof BaseImage.Registry r
        ? ImageReferences.parse(r.reference(), "--base").getRegistry()
        : null;
  }

  /**
   * {@code --push 127.0.0.1:5000} with {@code --image jobs:1} pushes {@code 127.0.0.1:5000/jobs:1}.
   */
  public static ImageReference pushTarget(ImageReference image, String registry) {
    if (registry == null) {
      return null;
    }
    String r = registry.replaceFirst("^[a-z]+://", "").replaceAll("/+$", "");
    String repository = image.getRepository().replaceFirst("^library/", "");
    String separator = image.getDigest().isPresent() && image.getTag().isEmpty() ? "@" : ":";
    return ImageReferences.parse(r + "/" + repository + separator + image.getQualifier(), "--push");
  }

  /** Where the image is written or pushed, as people read it. */
  public String destination() {
    return outputTar != null ? outputTar.toString() : pushTarget.toString();
  }
}
