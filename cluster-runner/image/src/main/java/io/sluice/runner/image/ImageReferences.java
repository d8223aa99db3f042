package io.sluice.runner.image;

import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.api.InvalidImageReferenceException;

/** Parses image references with a one-line error naming the option and the rule broken. */
final class ImageReferences {

  private ImageReferences() {}

  static ImageReference parse(String text, String option) {
    try {
      return ImageReference.parse(text);
    } catch (InvalidImageReferenceException e) {
      throw new BadImageInputException(
          option
              + " '"
              + text
              + "' is not a valid image reference:"
              + " use [REGISTRY[:PORT]/]NAME[:TAG] with a lowercase name, e.g. sluice-jobs:0.1.0"
              + " or 127.0.0.1:5000/sluice/jobs:latest");
    }
  }

  /**
   * Registries on the loopback interface are spoken to over plain HTTP (Debian's docker-registry
   * default).
   */
  static boolean isLoopback(ImageReference reference) {
    String registry = reference.getRegistry();
    String host =
        registry.startsWith("[")
            ? registry.substring(1, registry.indexOf(']'))
            : registry.contains(":") ? registry.substring(0, registry.lastIndexOf(':')) : registry;
    return host.equals("localhost") || host.equals("127.0.0.1") || host.equals("::1");
  }
}
