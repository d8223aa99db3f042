package io.sluice.ml;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The small files of the {@link ModelRegistry} layout: version folder names, the JSON of {@value
 * ModelRegistry#INFO_FILE} and {@value ModelRegistry#METRICS_FILE}, UTF-8 text, and local copies
 * removed again.
 */
final class RegistryFiles {

  // Logged under the registry's name, as before this class was split out of it.
  private static final Logger LOG = LoggerFactory.getLogger(ModelRegistry.class);

  static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private RegistryFiles() {}

  /** The number a version folder is named by, or -1 for any other name. */
  static int parseVersion(String name) {
    if (name.isEmpty() || name.length() > 9 || !name.chars().allMatch(Character::isDigit)) {
      return -1;
    }
    return Integer.parseInt(name);
  }

  /** The numbers of a metrics file that are metrics (not row counts or the threshold). */
  static Map<String, Double> numericMetrics(String json) throws IOException {
    Map<String, Object> all = JSON.readValue(json, new TypeReference<Map<String, Object>>() {});
    Map<String, Double> metrics = new LinkedHashMap<>();
    all.forEach(
        (k, v) -> {
          if (v instanceof Number n
              && !k.equals("rows")
              && !k.equals("unlabelledRows")
              && !k.equals("threshold")) {
            metrics.put(k, n.doubleValue());
          }
        });
    return metrics;
  }

  static void writeText(FileSystem fs, Path path, String text) throws IOException {
    try (OutputStream out = fs.create(path, true)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
  }

  static String readText(FileSystem fs, Path path) throws IOException {
    try (InputStream in = fs.open(path)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  static void deleteLocalTree(java.nio.file.Path dir) {
    if (dir == null) {
      return;
    }
    try (var paths = java.nio.file.Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      LOG.warn("could not remove local model copy {}: {}", dir, e.getMessage());
    }
  }

  /**
   * The prefix of this process's local model folders ({@code sluice-model-PID-}): whoever finds one
   * left in the temporary directory can tell which process made it.
   */
  static String localTempPrefix() {
    return "sluice-model-" + ProcessHandle.current().pid() + "-";
  }
}
