package io.sluice.ml;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.sluice.storage.StorageUri;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.PipelineModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trained models on any Hadoop file system (a path, file://, hdfs://, s3://), one folder per
 * version: {@code <registry>/<name>/<version>/} holds {@value #MODEL_DIR}/ (the fitted
 * {@link PipelineModel}), {@value #SPEC_FILE}, {@value #INFO_FILE} (with the training-data
 * fingerprint and code version), {@value #METRICS_FILE}, {@value #PLOTS_DIR}/ and, when rows were
 * left out, {@value #REJECTED_DIR}/.
 *
 * <p>Versions are never overwritten: a version is written completely in a hidden staging folder
 * and then renamed to the next free number with a rename that fails when the target exists
 * (atomic on HDFS and local disks), retrying with the following number when another trainer won
 * the race. Readers therefore never see a partial version. S3 has no rename (S3A copies), so there
 * a crash during the copy can leave an incomplete version folder; listings skip one that has no
 * {@value #INFO_FILE}.
 */
public final class ModelRegistry {

  public static final String MODEL_DIR = "model";
  public static final String SPEC_FILE = "spec.yaml";
  public static final String INFO_FILE = "model.json";
  public static final String METRICS_FILE = "metrics.json";
  public static final String PLOTS_DIR = "plots";
  public static final String REJECTED_DIR = "rejected";

  private static final Logger LOG = LoggerFactory.getLogger(ModelRegistry.class);
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  private static final int MAX_RENAME_ATTEMPTS = 100;

  private final String location;
  private final Path root;
  private final Configuration conf;

  /** @param location the registry as the user typed it (any {@link StorageUri}) */
  public ModelRegistry(String location, Configuration conf) {
    this.location = location;
    this.root = StorageUri.parse(location).toHadoopPath();
    this.conf = conf;
  }

  public String location() {
    return location;
  }

  /** Stores a trained model as the next version of {@code name}; returns its record. */
  public ModelVersion register(String name, TrainedModel trained) {
    ModelRef.requireValidName(name);
    Path nameDir = new Path(root, name);
    Path staging = new Path(nameDir, ".staging-" + UUID.randomUUID());
    try {
      FileSystem fs = root.getFileSystem(conf);
      fs.mkdirs(staging);
      trained.model().write().save(new Path(staging, MODEL_DIR).toString());
      writeText(fs, new Path(staging, SPEC_FILE), trained.spec().toYaml());
      writeText(fs, new Path(staging, METRICS_FILE), trained.testReport().toJson());
      new EvaluationCharts(conf).write(trained.testReport(), name, new Path(staging, PLOTS_DIR));
      if (trained.rejected() != null) {
        trained.rejected().write().parquet(new Path(staging, REJECTED_DIR).toString());
      }
      FileContext fc = FileContext.getFileContext(nameDir.toUri(), conf);
      int lastTried = 0;
      for (int attempt = 0; attempt < MAX_RENAME_ATTEMPTS; attempt++) {
        // The winner of a race is already in the listing, so the next free number is latest + 1;
        // adding the attempt count on top would skip numbers.
        int version = Math.max(latestVersion(fs, nameDir) + 1, lastTried + 1);
        lastTried = version;
        ModelInfo info = trained.info().withVersion(name, version);
        // Written per attempt: the version number is part of the record.
        writeText(fs, new Path(staging, INFO_FILE), JSON.writeValueAsString(info) + "\n");
        Path target = new Path(nameDir, Integer.toString(version));
        try {
          fc.rename(staging, target, Options.Rename.NONE);
          LOG.info("registered {}:{} at {}", name, version, target);
          return new ModelVersion(info, numericMetrics(trained.testReport().toJson()), target.toString());
        } catch (FileAlreadyExistsException e) {
          LOG.info("version {} of {} was taken meanwhile; trying the next", version, name);
        }
      }
      throw new IllegalStateException("could not claim a version of " + name + " in " + location
          + " after " + MAX_RENAME_ATTEMPTS + " attempts");
    } catch (IOException e) {
      throw new IllegalStateException("cannot write model " + name + " to registry " + location + ": " + e.getMessage(), e);
    } finally {
      deleteQuietly(staging);
    }
  }

  /** Every version of every model, by name then version. */
  public List<ModelVersion> list() {
    try {
      FileSystem fs = root.getFileSystem(conf);
      if (!fs.exists(root)) {
        return List.of();
      }
      List<ModelVersion> all = new ArrayList<>();
      for (String name : modelNames(fs)) {
        all.addAll(versions(fs, name));
      }
      return all;
    } catch (IOException e) {
      throw new IllegalStateException("cannot list registry " + location + ": " + e.getMessage(), e);
    }
  }

  /** The version a reference names (the latest when it names none). */
  public ModelVersion resolve(ModelRef ref) {
    try {
      FileSystem fs = root.getFileSystem(conf);
      if (!fs.exists(root)) {
        throw new ModelNotFoundException("registry " + location + " does not exist; train a model into it first");
      }
      List<ModelVersion> versions = versions(fs, ref.name());
      if (versions.isEmpty()) {
        List<String> names = modelNames(fs);
        throw new ModelNotFoundException("no model '" + ref.name() + "' in registry " + location
            + (names.isEmpty() ? " (it is empty)" : "; it holds: " + String.join(", ", names)));
      }
      if (ref.version().isEmpty()) {
        return versions.get(versions.size() - 1);
      }
      int wanted = ref.version().getAsInt();
      for (ModelVersion v : versions) {
        if (v.info().version() == wanted) {
          return v;
        }
      }
      throw new ModelNotFoundException("model '" + ref.name() + "' has no version " + wanted + " in registry "
          + location + "; versions: " + String.join(", ", versions.stream().map(v -> "" + v.info().version()).toList()));
    } catch (IOException e) {
      throw new IllegalStateException("cannot read registry " + location + ": " + e.getMessage(), e);
    }
  }

  /** Loads the fitted pipeline, its record and its spec. */
  public LoadedModel load(ModelRef ref) {
    ModelVersion version = resolve(ref);
    Path dir = new Path(version.location());
    try {
      FileSystem fs = dir.getFileSystem(conf);
      String specText = readText(fs, new Path(dir, SPEC_FILE));
      DatasourceSpec spec = DatasourceSpec.parse(specText, new Path(dir, SPEC_FILE).toString(), null);
      PipelineModel model = PipelineModel.load(new Path(dir, MODEL_DIR).toString());
      return new LoadedModel(model, version.info(), spec, version.location());
    } catch (IOException e) {
      throw new IllegalStateException("cannot read model " + ref + " from " + dir + ": " + e.getMessage(), e);
    }
  }

  private List<String> modelNames(FileSystem fs) throws IOException {
    List<String> names = new ArrayList<>();
    for (FileStatus s : fs.listStatus(root)) {
      String n = s.getPath().getName();
      if (s.isDirectory() && !n.startsWith(".") && !n.startsWith("_")) {
        names.add(n);
      }
    }
    names.sort(null);
    return names;
  }

  private List<ModelVersion> versions(FileSystem fs, String name) throws IOException {
    Path nameDir = new Path(root, name);
    List<ModelVersion> versions = new ArrayList<>();
    FileStatus[] children;
    try {
      children = fs.listStatus(nameDir);
    } catch (FileNotFoundException e) {
      return versions;
    }
    for (FileStatus s : children) {
      if (!s.isDirectory() || parseVersion(s.getPath().getName()) < 0) {
        continue;
      }
      Path info = new Path(s.getPath(), INFO_FILE);
      if (!fs.exists(info)) {
        LOG.warn("skipping {}: it has no {} (an interrupted copy?)", s.getPath(), INFO_FILE);
        continue;
      }
      ModelInfo modelInfo = JSON.readValue(readText(fs, info), ModelInfo.class);
      Path metrics = new Path(s.getPath(), METRICS_FILE);
      Map<String, Double> values = fs.exists(metrics) ? numericMetrics(readText(fs, metrics)) : Map.of();
      versions.add(new ModelVersion(modelInfo, values, s.getPath().toString()));
    }
    versions.sort((a, b) -> Integer.compare(a.info().version(), b.info().version()));
    return versions;
  }

  private static int latestVersion(FileSystem fs, Path nameDir) throws IOException {
    int latest = 0;
    if (fs.exists(nameDir)) {
      for (FileStatus s : fs.listStatus(nameDir)) {
        latest = Math.max(latest, parseVersion(s.getPath().getName()));
      }
    }
    return latest;
  }

  private static int parseVersion(String name) {
    if (name.isEmpty() || name.length() > 9 || !name.chars().allMatch(Character::isDigit)) {
      return -1;
    }
    return Integer.parseInt(name);
  }

  static Map<String, Double> numericMetrics(String json) throws IOException {
    Map<String, Object> all = JSON.readValue(json, new TypeReference<Map<String, Object>>() {});
    Map<String, Double> metrics = new LinkedHashMap<>();
    all.forEach((k, v) -> {
      if (v instanceof Number n && !k.equals("rows") && !k.equals("unlabelledRows") && !k.equals("threshold")) {
        metrics.put(k, n.doubleValue());
      }
    });
    return metrics;
  }

  private static void writeText(FileSystem fs, Path path, String text) throws IOException {
    try (OutputStream out = fs.create(path, true)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
  }

  private static String readText(FileSystem fs, Path path) throws IOException {
    try (InputStream in = fs.open(path)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private void deleteQuietly(Path path) {
    try {
      FileSystem fs = path.getFileSystem(conf);
      if (fs.exists(path)) {
        fs.delete(path, true);
      }
    } catch (IOException e) {
      LOG.warn("could not remove staging folder {}: {}", path, e.getMessage());
    }
  }
}
