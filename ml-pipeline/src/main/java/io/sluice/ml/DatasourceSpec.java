package io.sluice.ml;

import io.sluice.yaml.BoundedYaml;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.Yaml;

/**
 * A datasource: where the data is, its format, the label and the features, and how it is split into
 * training and test rows. Read from YAML:
 *
 * <pre>
 * input: s3://bucket/path/   # any location StorageUri accepts; a file or a directory
 * format: csv                # csv (with a header line) or parquet
 * label: y
 * id: customer_id            # optional: the column predictions are keyed by
 * features:
 *   - {name: age, type: numeric}
 *   - {name: job, type: categorical}
 *   - {name: note, type: text}
 * split: {train: 0.8, test: 0.2}
 * seed: 42
 * </pre>
 *
 * A relative {@code input} path is resolved against the spec file's folder, so a spec and its data
 * can move together.
 */
public record DatasourceSpec(
    String source,
    String input,
    DataFormat format,
    String label,
    Optional<String> idColumn,
    List<FeatureSpec> features,
    double trainFraction,
    long seed) {

  public static final double DEFAULT_TRAIN_FRACTION = 0.8;
  public static final long DEFAULT_SEED = 42L;

  private static final Set<String> KEYS =
      Set.of("input", "format", "label", "id", "features", "split", "seed");
  private static final double SPLIT_TOLERANCE = 1e-9;

  /** A spec is a few hundred bytes: 1 MiB, 50 levels and 10 aliases to collections at most. */
  private static final BoundedYaml.Limits YAML_LIMITS = new BoundedYaml.Limits(1 << 20, 50, 10);

  public DatasourceSpec {
    features = List.copyOf(features);
  }

  /** Reads and validates a spec file. */
  public static DatasourceSpec load(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new InvalidSpecException(file.toString(), null, "cannot read the spec: " + e);
    }
    Path dir = file.toAbsolutePath().getParent();
    return parse(text, file.toString(), dir);
  }

  /**
   * Parses and validates spec text.
   *
   * @param source the name used in error messages (a file name)
   * @param baseDir the folder a relative input path is resolved against; null leaves it as written
   * @throws InvalidSpecException naming the source and the key
   */
  public static DatasourceSpec parse(String text, String source, Path baseDir) {
    Object document =
        BoundedYaml.load(
            text,
            source,
            YAML_LIMITS,
            (where, problem) ->
                new InvalidSpecException(where, null, "not valid YAML: " + problem));
    if (!(document instanceof Map<?, ?> root)) {
      throw new InvalidSpecException(
          source, null, "expected a mapping with input, format, label and features");
    }
    for (Object key : root.keySet()) {
      if (!KEYS.contains(String.valueOf(key))) {
        throw new InvalidSpecException(
            source,
            String.valueOf(key),
            "unknown key; known keys are " + new java.util.TreeSet<>(KEYS));
      }
    }
    String input = requiredString(root, "input", source);
    if (baseDir != null
        && !input.contains("://")
        && !input.startsWith("file:")
        && !localPath(input, source).isAbsolute()) {
      input = baseDir.resolve(input).normalize().toString();
    }
    DataFormat format = format(root.get("format"), input, source);
    String label = requiredString(root, "label", source);
    Optional<String> id = Optional.ofNullable(root.get("id")).map(v -> scalar(v, "id", source));
    List<FeatureSpec> features = features(root.get("features"), source);
    Set<String> names = new HashSet<>();
    for (int i = 0; i < features.size(); i++) {
      String name = features.get(i).name();
      String key = "features[" + i + "]";
      if (!names.add(name)) {
        throw new InvalidSpecException(source, key, "feature '" + name + "' is listed twice");
      }
      if (name.equals(label)) {
        throw new InvalidSpecException(
            source, key, "'" + name + "' is the label; it cannot also be a feature");
      }
      if (id.isPresent() && name.equals(id.get())) {
        throw new InvalidSpecException(
            source, key, "'" + name + "' is the id column; it cannot also be a feature");
      }
    }
    if (id.isPresent() && id.get().equals(label)) {
      throw new InvalidSpecException(
          source, "id", "'" + label + "' is the label; the id must be another column");
    }
    double train = split(root.get("split"), source);
    long seed = DEFAULT_SEED;
    if (root.containsKey("seed")) {
      Object s = root.get("seed");
      if (!(s instanceof Integer || s instanceof Long)) {
        throw new InvalidSpecException(source, "seed", "expected an integer, got '" + s + "'");
      }
      seed = ((Number) s).longValue();
    }
    return new DatasourceSpec(source, input, format, label, id, features, train, seed);
  }

  private static String requiredString(Map<?, ?> root, String key, String source) {
    Object value = root.get(key);
    if (value == null) {
      throw new InvalidSpecException(source, key, "required key is missing");
    }
    return scalar(value, key, source);
  }

  private static Path localPath(String input, String source) {
    try {
      return Path.of(input);
    } catch (InvalidPathException e) {
      throw new InvalidSpecException(source, "input", "not a valid path: " + e.getMessage());
    }
  }

  private static String scalar(Object value, String key, String source) {
    if (value instanceof Map || value instanceof List) {
      throw new InvalidSpecException(source, key, "expected a single value, got '" + value + "'");
    }
    String text = String.valueOf(value).trim();
    if (text.isEmpty()) {
      throw new InvalidSpecException(source, key, "must not be empty");
    }
    return text;
  }

  private static DataFormat format(Object value, String input, String source) {
    if (value == null) {
      String lower = input.toLowerCase(Locale.ROOT);
      if (lower.endsWith(".csv")) {
        return DataFormat.CSV;
      }
      if (lower.endsWith(".parquet")) {
        return DataFormat.PARQUET;
      }
      throw new InvalidSpecException(source, "format", "required key is missing (csv or parquet)");
    }
    String text = scalar(value, "format", source).toLowerCase(Locale.ROOT);
    for (DataFormat f : DataFormat.values()) {
      if (f.id().equals(text)) {
        return f;
      }
    }
    throw new InvalidSpecException(
        source, "format", "unknown format '" + value + "'; use csv or parquet");
  }

  private static List<FeatureSpec> features(Object value, String source) {
    if (value == null) {
      throw new InvalidSpecException(source, "features", "required key is missing");
    }
    if (!(value instanceof List<?> items) || items.isEmpty()) {
      throw new InvalidSpecException(
          source,
          "features",
          "expected a non-empty list of {name: COLUMN, type: numeric|categorical|text}");
    }
    List<FeatureSpec> features = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      String key = "features[" + i + "]";
      if (!(items.get(i) instanceof Map<?, ?> item)) {
        throw new InvalidSpecException(
            source,
            key,
            "expected {name: COLUMN, type: numeric|categorical|text}, got '" + items.get(i) + "'");
      }
      for (Object k : item.keySet()) {
        if (!"name".equals(k) && !"type".equals(k)) {
          throw new InvalidSpecException(
              source, key + "." + k, "unknown key; a feature has name and type");
        }
      }
      Object name = item.get("name");
      if (name == null) {
        throw new InvalidSpecException(source, key + ".name", "required key is missing");
      }
      Object type = item.get("type");
      if (type == null) {
        throw new InvalidSpecException(
            source, key + ".type", "required key is missing (numeric, categorical or text)");
      }
      FeatureType featureType = null;
      for (FeatureType t : FeatureType.values()) {
        if (t.id().equals(String.valueOf(type).trim().toLowerCase(Locale.ROOT))) {
          featureType = t;
        }
      }
      if (featureType == null) {
        throw new InvalidSpecException(
            source, key + ".type", "unknown type '" + type + "'; use numeric, categorical or text");
      }
      features.add(new FeatureSpec(scalar(name, key + ".name", source), featureType));
    }
    return features;
  }

  private static double split(Object value, String source) {
    if (value == null) {
      return DEFAULT_TRAIN_FRACTION;
    }
    if (!(value instanceof Map<?, ?> split)) {
      throw new InvalidSpecException(source, "split", "expected {train: FRACTION, test: FRACTION}");
    }
    for (Object k : split.keySet()) {
      if (!"train".equals(k) && !"test".equals(k)) {
        throw new InvalidSpecException(
            source, "split." + k, "unknown key; a split has train and test");
      }
    }
    Double train = fraction(split.get("train"), "split.train", source);
    Double test = fraction(split.get("test"), "split.test", source);
    if (train == null && test == null) {
      return DEFAULT_TRAIN_FRACTION;
    }
    double t = train != null ? train : 1.0 - test;
    double s = test != null ? test : 1.0 - train;
    if (Math.abs(t + s - 1.0) > SPLIT_TOLERANCE) {
      throw new InvalidSpecException(
          source, "split", "train (" + t + ") and test (" + s + ") must add up to 1");
    }
    if (t <= 0.0 || s <= 0.0) {
      throw new InvalidSpecException(
          source, "split", "train and test must both be above 0 (got " + t + " and " + s + ")");
    }
    return t;
  }

  private static Double fraction(Object value, String key, String source) {
    if (value == null) {
      return null;
    }
    if (!(value instanceof Number n)) {
      throw new InvalidSpecException(
          source, key, "expected a number between 0 and 1, got '" + value + "'");
    }
    double d = n.doubleValue();
    if (!(d >= 0.0 && d <= 1.0)) {
      throw new InvalidSpecException(source, key, "expected a number between 0 and 1, got " + d);
    }
    return d;
  }

  public double testFraction() {
    // Rounded so 1 - 0.8 reads back as 0.2, not 0.19999999999999996.
    return Math.round((1.0 - trainFraction) * 1e9) / 1e9;
  }

  public List<FeatureSpec> featuresOf(FeatureType type) {
    return features.stream().filter(f -> f.type() == type).toList();
  }

  /** The same spec with another input (e.g. {@code evaluate --input}). */
  public DatasourceSpec withInput(String newInput, DataFormat newFormat) {
    return new DatasourceSpec(
        source, newInput, newFormat, label, idColumn, features, trainFraction, seed);
  }

  /** The spec as YAML that {@link #parse} reads back to an equal spec (the input as resolved). */
  public String toYaml() {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("input", input);
    root.put("format", format.id());
    root.put("label", label);
    idColumn.ifPresent(id -> root.put("id", id));
    List<Map<String, String>> list = new ArrayList<>();
    for (FeatureSpec f : features) {
      Map<String, String> item = new LinkedHashMap<>();
      item.put("name", f.name());
      item.put("type", f.type().id());
      list.add(item);
    }
    root.put("features", list);
    Map<String, Double> split = new LinkedHashMap<>();
    split.put("train", trainFraction);
    split.put("test", testFraction());
    root.put("split", split);
    root.put("seed", seed);
    return new Yaml().dumpAsMap(root);
  }
}
