package io.sluice.runner.image;

import java.time.Duration;
import java.util.List;

/** The result of one build: where it went, its digests, and its layers (read back from a tar). */
public record BuiltImage(
    String destination,
    String digest,
    String imageId,
    List<ImageDescription.Layer> layers,
    long bytes,
    Duration time) {

  public BuiltImage {
    layers = List.copyOf(layers);
  }

  /** The one summary line a long operation ends with. */
  public String toLine() {
    return String.format(
        "image %s: %s, %d layers, %s, digest %s, time=%.1fs",
        destination,
        layers.isEmpty() ? "pushed" : "written",
        layers.size(),
        ImageDescription.humanBytes(bytes),
        digest,
        time.toMillis() / 1000.0);
  }
}
