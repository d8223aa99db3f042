package io.sluice.ml;

import static io.sluice.ml.RegistryFiles.JSON;
import static io.sluice.ml.RegistryFiles.readText;

import io.sluice.storage.StorageUri;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trained models on any Hadoop file system (a path, file://, hdfs://, s3://), one folder per
 * version: {@code <registry>/<name>/<version>/} holds {@value #MODEL_DIR}/ (the fitted {@link
 * PipelineModel}), {@value #SPEC_FILE}, {@value #INFO_FILE} (with the training-data fingerprint and
 * code version), {@value #METRICS_FILE}, {@value #PLOTS_DIR}/ and, when rows were left out, {@value
 * #REJECTED_DIR}/.
 *
 * <p>Versions are never overwritten: a version is written completely in a hidden staging folder and
 * then renamed to the next free number with a rename that fails when the target exists (atomic on
 * HDFS and local disks), retrying with the following number when another trainer won the race.
 * Readers therefore never see a partial version. S3 has no rename (S3A copies), so there a crash
 * during the copy can leave an incomplete version folder; listings skip one that has no {@value
 * #INFO_FILE}.
 *
 * <p>On S3 a version number is first claimed with a put-if-absent ({@code If-None-Match: *},
 * through S3A's conditional create) of a marker object {@code <name>/}{@value #CLAIMS_DIR}{@code
 * /<version>}; only the trainer whose put succeeds writes that version, so concurrent trainers get
 * distinct numbers. Limits: this needs a store that honours the header (AWS S3 since 2024-08, the
 * embedded S3Proxy endpoint do; a store that ignores it gives no protection against two trainers
 * racing for one number), and {@code fs.s3a.create.conditional.enabled} must not be false. A
 * trainer that dies after its claim leaves that number unused: numbers may have gaps, never reuse.
 */
public final class ModelRegistry {

  public static final String MODEL_DIR = "model";
  public static final String SPEC_FILE = "spec.yaml";
  public static final String INFO_FILE = "model.json";
  public static final String METRICS_FILE = "metrics.json";
  public static final String PLOTS_DIR = "plots";
  public static final String REJECTED_DIR = "rejected";

  /** On S3, beside the version folders of a name: one marker object per claimed version number. */
  public static final String CLAIMS_DIR = ".claims";

  private static final Logger LOG = LoggerFactory.getLogger(ModelRegistry.class);

  private final String location;
  private final Path root;
  private final Configuration conf;
  private final VersionWriter writer;

  /**
   * @param location the registry as the user typed it (any {@link StorageUri})
   */
  public ModelRegistry(String location, Configuration conf) {
    this.location = location;
    this.root = StorageUri.parse(location).toHadoopPath();
    this.conf = conf;
    this.writer = new VersionWriter(location, root, conf, onObjectStore());
  }

  public String location() {
    return location;
  }

  /** Stores a trained model as the next version of {@code name}; returns its record. */
  public ModelVersion register(String name, TrainedModel trained) {
    ModelRef.requireValidName(name);
    return stagesOnLocalDisk()
        ? writer.registerThroughLocalDisk(name, trained)
        : writer.registerInPlace(name, trained);
  }

  /** S3 (through S3A) has no atomic rename and a round trip per small file. */
  private boolean onObjectStore() {
    return StorageUri.parse(location).scheme() == StorageUri.Scheme.S3;
  }

  /**
   * Whether models are written and read through this machine's disk: on an object store, when
   * Spark's tasks share that disk.
   */
  private boolean stagesOnLocalDisk() {
    return onObjectStore() && sparkTasksRunInThisJvm();
  }

  /**
   * Whether Spark runs its tasks in this JVM (a local master), so they share this machine's disk.
   */
  private static boolean sparkTasksRunInThisJvm() {
    scala.Option<SparkSession> active = SparkSession.getActiveSession();
    scala.Option<SparkSession> session =
        active.isDefined() ? active : SparkSession.getDefaultSession();
    return session.isDefined() && session.get().sparkContext().isLocal();
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
      throw new IllegalStateException(
          "cannot list registry " + location + ": " + e.getMessage(), e);
    }
  }

  /** The version a reference names (the latest when it names none). */
  public ModelVersion resolve(ModelRef ref) {
    try {
      FileSystem fs = root.getFileSystem(conf);
      if (!fs.exists(root)) {
        throw new ModelNotFoundException(
            "registry " + location + " does not exist; train a model into it first");
      }
      List<ModelVersion> versions = versions(fs, ref.name());
      if (versions.isEmpty()) {
        List<String> names = modelNames(fs);
        throw new ModelNotFoundException(
            "no model '"
                + ref.name()
                + "' in registry "
                + location
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
      throw new ModelNotFoundException(
          "model '"
              + ref.name()
              + "' has no version "
              + wanted
              + " in registry "
              + location
              + "; versions: "
              + String.join(", ", versions.stream().map(v -> "" + v.info().version()).toList()));
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot read registry " + location + ": " + e.getMessage(), e);
    }
  }

  /** Loads the fitted pipeline, its record and its spec. */
  public LoadedModel load(ModelRef ref) {
    return load(resolve(ref), null);
  }

  /**
   * Loads {@code version}'s record and spec, and its fitted pipeline unless {@code registered} is
   * given: the model this process trained and registered as that version, whose pipeline reading
   * the stage files back would only re-create (one small Spark job per file, seconds for a small
   * model).
   */
  public LoadedModel load(ModelVersion version, TrainedModel registered) {
    Path dir = new Path(version.location());
    try {
      FileSystem fs = dir.getFileSystem(conf);
      String specText = readText(fs, new Path(dir, SPEC_FILE));
      DatasourceSpec spec =
          DatasourceSpec.parse(specText, new Path(dir, SPEC_FILE).toString(), null);
      PipelineModel model = registered == null ? null : registered.model();
      if (model == null) {
        Path modelDir = new Path(dir, MODEL_DIR);
        // Spark pays several round trips per stage file on an object store: load a local copy.
        Path toLoad = stagesOnLocalDisk() ? LocalModelCopy.copy(fs, modelDir) : modelDir;
        model = ModelFiles.load(toLoad.toString());
      }
      return new LoadedModel(model, version.info(), spec, version.location());
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot read model "
              + version.info().name()
              + ":"
              + version.info().version()
              + " from "
              + dir
              + ": "
              + e.getMessage(),
          e);
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
      if (!s.isDirectory() || RegistryFiles.parseVersion(s.getPath().getName()) < 0) {
        continue;
      }
      Path info = new Path(s.getPath(), INFO_FILE);
      if (!fs.exists(info)) {
        LOG.warn("skipping {}: it has no {} (an interrupted copy?)", s.getPath(), INFO_FILE);
        continue;
      }
      ModelInfo modelInfo = JSON.readValue(readText(fs, info), ModelInfo.class);
      Path metrics = new Path(s.getPath(), METRICS_FILE);
      Map<String, Double> values =
          fs.exists(metrics) ? RegistryFiles.numericMetrics(readText(fs, metrics)) : Map.of();
      versions.add(new ModelVersion(modelInfo, values, s.getPath().toString()));
    }
    versions.sort((a, b) -> Integer.compare(a.info().version(), b.info().version()));
    return versions;
  }
}
