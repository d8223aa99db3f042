package io.sluice.runner.image;

import com.google.cloud.tools.jib.api.ImageReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Everything one {@code sluice package} needs, validated on construction: the image name, base, where
 * it goes (a tar or a registry), its format, the build it packs, and the cache for rebuilds.
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
    Path cacheDir) {

  /** The image manifest format. Podman, Docker and every registry read both. */
  public enum Format {
    OCI, DOCKER;

    public static Format parse(String text) {
      return switch (text.toLowerCase(Locale.ROOT)) {
        case "oci" -> OCI;
        case "docker" -> DOCKER;
        default -> throw new BadImageInputException("--format '" + text + "' is not a format: use oci or docker");
      };
    }
  }

  public ImageSpec {
    Objects.requireNonNull(image, "image");
    Objects.requireNonNull(base, "base");
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(build, "build");
    Objects.requireNonNull(cacheDir, "cacheDir");
    jobs = List.copyOf(jobs);
    gitCommit = gitCommit == null ? "unknown" : gitCommit;
    if ((outputTar == null) == (pushTarget == null)) {
      throw new BadImageInputException("give exactly one of --out FILE.tar or --push REGISTRY");
    }
    if (outputTar != null) {
      Path parent = outputTar.toAbsolutePath().getParent();
      if (parent == null || !Files.isDirectory(parent)) {
        throw new BadImageInputException("--out " + outputTar + ": directory " + parent + " does not exist");
      }
      if (Files.isDirectory(outputTar)) {
        throw new BadImageInputException("--out " + outputTar + " is a directory; name the tar file to write");
      }
    }
  }

  /** {@code --push 127.0.0.1:5000} with {@code --image jobs:1} pushes {@code 127.0.0.1:5000/jobs:1}. */
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
