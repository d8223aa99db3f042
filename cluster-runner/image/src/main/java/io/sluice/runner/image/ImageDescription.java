package io.sluice.runner.image;

import io.sluice.storage.ByteSize;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/**
 * What {@code sluice image inspect} shows of an image tar: layers, digests, entrypoint, env,
 * labels.
 */
public record ImageDescription(
    String format,
    List<String> references,
    String manifestDigest,
    String imageId,
    List<Layer> layers,
    List<String> entrypoint,
    List<String> cmd,
    List<String> env,
    Map<String, String> labels,
    String user,
    String workingDir) {

  /**
   * One layer: its compressed digest and size, and the name the builder gave it (from the history).
   */
  public record Layer(String name, String digest, long bytes, String mediaType) {}

  public ImageDescription {
    references = List.copyOf(references);
    layers = List.copyOf(layers);
    entrypoint = List.copyOf(entrypoint);
    cmd = List.copyOf(cmd);
    env = List.copyOf(env);
    labels = Map.copyOf(labels);
  }

  public long layerBytes() {
    return layers.stream().mapToLong(Layer::bytes).sum();
  }

  public Layer layer(String name) {
    return layers.stream()
        .filter(l -> l.name().equals(name))
        .findFirst()
        .orElseThrow(
            () -> new IllegalArgumentException("no layer named " + name + " in " + layers));
  }

  public void print(PrintWriter out) {
    out.printf("format:      %s%n", format);
    out.printf("references:  %s%n", String.join(", ", references));
    out.printf(
        "digest:      %s%n",
        manifestDigest == null ? "(not stored in a docker-format tar)" : manifestDigest);
    out.printf("image id:    %s%n", imageId);
    out.printf(
        "size:        %s compressed in %d layers%n", humanBytes(layerBytes()), layers.size());
    out.printf("layers:%n");
    for (int i = 0; i < layers.size(); i++) {
      Layer l = layers.get(i);
      out.printf("  %d  %-14s %10s  %s%n", i + 1, l.name(), humanBytes(l.bytes()), l.digest());
    }
    out.printf("entrypoint:  %s%n", entrypoint);
    out.printf("cmd:         %s%n", cmd);
    out.printf("user:        %s%n", user);
    out.printf("workdir:     %s%n", workingDir);
    out.printf("env:%n");
    env.forEach(e -> out.printf("  %s%n", e));
    out.printf("labels:%n");
    labels.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(e -> out.printf("  %s=%s%n", e.getKey(), e.getValue()));
    out.flush();
  }

  static String humanBytes(long bytes) {
    return ByteSize.format(bytes);
  }
}
