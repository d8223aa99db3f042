package io.sluice.runner.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/** Reads an image tar, OCI layout ({@code index.json}) or Docker format ({@code manifest.json}). */
public final class ImageArchive {

  /** Manifests and configs are a few KiB; layers are not read, only sized. */
  private static final long SMALL = 4L << 20;

  private static final ObjectMapper JSON = new ObjectMapper();

  private ImageArchive() {}

  public static ImageDescription read(Path tar) {
    if (!Files.isRegularFile(tar)) {
      throw new BadImageInputException("image tar " + tar + " does not exist");
    }
    Map<String, byte[]> small = new HashMap<>();
    Map<String, Long> sizes = new HashMap<>();
    try (InputStream in = new BufferedInputStream(Files.newInputStream(tar));
        TarArchiveInputStream entries = new TarArchiveInputStream(in)) {
      TarArchiveEntry entry;
      while ((entry = entries.getNextEntry()) != null) {
        if (!entry.isFile()) {
          continue;
        }
        String name = entry.getName().replaceFirst("^\\./", "");
        if (escapesRoot(name)) {
          throw new BadImageInputException(
              "image tar " + tar + " has an entry outside its root: " + entry.getName());
        }
        sizes.put(name, entry.getSize());
        if (entry.getSize() <= SMALL) {
          small.put(name, entries.readAllBytes());
        }
      }
    } catch (IOException e) {
      throw new BadImageInputException("cannot read image tar " + tar + ": " + e.getMessage(), e);
    }
    try {
      if (small.containsKey("index.json")) {
        return readOci(tar, small, sizes);
      }
      if (small.containsKey("manifest.json")) {
        return readDocker(tar, small, sizes);
      }
    } catch (IOException e) {
      throw new BadImageInputException(
          "image tar " + tar + " has a malformed manifest: " + e.getMessage(), e);
    }
    throw new BadImageInputException(
        tar + " is not an image tar: it has neither index.json (OCI) nor manifest.json (Docker)");
  }

  private static ImageDescription readOci(
      Path tar, Map<String, byte[]> small, Map<String, Long> sizes) throws IOException {
    JsonNode index = JSON.readTree(small.get("index.json"));
    JsonNode descriptor = index.path("manifests").path(0);
    List<String> refs = new ArrayList<>();
    index
        .path("manifests")
        .forEach(
            m -> {
              String ref =
                  m.path("annotations").path("org.opencontainers.image.ref.name").asText("");
              if (!ref.isEmpty()) {
                refs.add(ref);
              }
            });
    String manifestDigest = descriptor.path("digest").asText();
    JsonNode manifest = JSON.readTree(blob(tar, small, manifestDigest));
    List<ImageDescription.Layer> layers = new ArrayList<>();
    for (JsonNode l : manifest.path("layers")) {
      layers.add(
          new ImageDescription.Layer(
              "",
              l.path("digest").asText(),
              l.path("size").asLong(),
              l.path("mediaType").asText()));
    }
    String configDigest = manifest.path("config").path("digest").asText();
    JsonNode config = JSON.readTree(blob(tar, small, configDigest));
    return describe("oci", refs, manifestDigest, configDigest, layers, config);
  }

  private static ImageDescription readDocker(
      Path tar, Map<String, byte[]> small, Map<String, Long> sizes) throws IOException {
    JsonNode manifest = JSON.readTree(small.get("manifest.json")).path(0);
    List<String> refs = new ArrayList<>();
    manifest.path("RepoTags").forEach(t -> refs.add(t.asText()));
    String configName = manifest.path("Config").asText();
    byte[] configBytes = small.get(configName);
    if (configBytes == null) {
      throw new IOException("config " + configName + " missing");
    }
    List<ImageDescription.Layer> layers = new ArrayList<>();
    for (JsonNode l : manifest.path("Layers")) {
      String name = l.asText();
      String hex =
          Path.of(name)
              .getFileName()
              .toString()
              .replaceAll("\\.tar(\\.gz)?$", "")
              .replace("/layer", "");
      layers.add(
          new ImageDescription.Layer(
              "",
              "sha256:" + hex,
              sizes.getOrDefault(name, 0L),
              name.endsWith(".gz") ? "application/vnd.docker.image.rootfs.diff.tar.gzip" : "tar"));
    }
    String imageId = "sha256:" + sha256(configBytes);
    return describe("docker", refs, null, imageId, layers, JSON.readTree(configBytes));
  }

  private static ImageDescription describe(
      String format,
      List<String> refs,
      String manifestDigest,
      String imageId,
      List<ImageDescription.Layer> layers,
      JsonNode config) {
    // Name layers from the history entries that made a layer (the builder's layer names are their
    // comments).
    List<String> names = new ArrayList<>();
    for (JsonNode h : config.path("history")) {
      if (!h.path("empty_layer").asBoolean(false)) {
        names.add(h.path("comment").asText(h.path("created_by").asText("")));
      }
    }
    List<ImageDescription.Layer> named = new ArrayList<>();
    for (int i = 0; i < layers.size(); i++) {
      ImageDescription.Layer l = layers.get(i);
      String name = names.size() == layers.size() ? names.get(i) : "layer-" + (i + 1);
      named.add(new ImageDescription.Layer(name, l.digest(), l.bytes(), l.mediaType()));
    }
    JsonNode c = config.path("config");
    Map<String, String> labels = new LinkedHashMap<>();
    c.path("Labels").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
    return new ImageDescription(
        format,
        refs,
        manifestDigest,
        imageId,
        named,
        strings(c.path("Entrypoint")),
        strings(c.path("Cmd")),
        strings(c.path("Env")),
        labels,
        c.path("User").asText(""),
        c.path("WorkingDir").asText(""));
  }

  /**
   * An absolute name or one with a {@code ..} segment: an image tar names its files relative to its
   * root (OCI layout, Docker save), so such an entry is hostile or broken and the tar is refused.
   */
  static boolean escapesRoot(String name) {
    if (name.startsWith("/") || name.startsWith("\\")) {
      return true;
    }
    for (String segment : name.split("[/\\\\]")) {
      if (segment.equals("..")) {
        return true;
      }
    }
    return false;
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  private static byte[] blob(Path tar, Map<String, byte[]> small, String digest)
      throws IOException {
    byte[] bytes = small.get("blobs/" + digest.replace(':', '/'));
    if (bytes == null) {
      throw new IOException("blob " + digest + " missing from " + tar);
    }
    return bytes;
  }

  private static String sha256(byte[] bytes) {
    try {
      return java.util.HexFormat.of()
          .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
