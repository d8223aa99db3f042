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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
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

  /**
   * Hadoop's createFile() option for a put that fails when the object exists (If-None-Match: *).
   */
  private static final String CONDITIONAL_CREATE = "fs.option.create.conditional.overwrite";

  private static final Logger LOG = LoggerFactory.getLogger(ModelRegistry.class);
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  private static final int MAX_RENAME_ATTEMPTS = 100;
  private static final int DOWNLOAD_THREADS = 8;

  private final String location;
  private final Path root;
  private final Configuration conf;

  /**
   * @param location the registry as the user typed it (any {@link StorageUri})
   */
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
    if (onObjectStore() && sparkTasksRunInThisJvm()) {
      return registerThroughLocalDisk(name, trained);
    }
    Path nameDir = new Path(root, name);
    Path staging = new Path(nameDir, ".staging-" + UUID.randomUUID());
    try {
      FileSystem fs = root.getFileSystem(conf);
      writeVersion(fs, staging, name, trained);
      FileContext fc = FileContext.getFileContext(nameDir.toUri(), conf);
      return claimVersion(
          fs,
          name,
          trained,
          (info, target) -> {
            // Written per attempt: the version number is part of the record.
            writeText(fs, new Path(staging, INFO_FILE), JSON.writeValueAsString(info) + "\n");
            try {
              fc.rename(staging, target, Options.Rename.NONE);
              return true;
            } catch (FileAlreadyExistsException e) {
              return false;
            }
          });
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot write model " + name + " to registry " + location + ": " + e.getMessage(), e);
    } finally {
      deleteQuietly(staging);
    }
  }

  /**
   * On an object store a rename is a copy, and Spark's writes of the many small files of a model
   * each pay a committer round trip. When Spark's tasks run in this JVM they can write to this
   * machine's disk, so the version is written there and uploaded once, file by file, with {@value
   * #INFO_FILE} last: listings skip the folder until it is complete.
   */
  private ModelVersion registerThroughLocalDisk(String name, TrainedModel trained) {
    java.nio.file.Path localDir = null;
    try {
      localDir = java.nio.file.Files.createTempDirectory("sluice-model-");
      Path staging = new Path(localDir.resolve("version").toUri());
      writeVersion(FileSystem.getLocal(conf), staging, name, trained);
      FileSystem fs = root.getFileSystem(conf);
      return claimVersion(
          fs,
          name,
          trained,
          (info, target) -> {
            if (fs.exists(target)) {
              return false;
            }
            // S3A uploads a local tree in parallel; the local file system's .crc files are not
            // listed, so not sent.
            long uploadStarted = System.nanoTime();
            fs.copyFromLocalFile(false, false, staging, target);
            LOG.info(
                "uploaded version {} of {} in {} ms",
                info.version(),
                name,
                (System.nanoTime() - uploadStarted) / 1_000_000);
            writeText(fs, new Path(target, INFO_FILE), JSON.writeValueAsString(info) + "\n");
            return true;
          });
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot write model " + name + " to registry " + location + ": " + e.getMessage(), e);
    } finally {
      deleteLocalTree(localDir);
    }
  }

  /**
   * Puts a complete version at {@code target}; false when another trainer took that number first.
   */
  @FunctionalInterface
  private interface VersionPlacement {
    boolean place(ModelInfo info, Path target) throws IOException;
  }

  /** Tries the next free version numbers until {@code placement} succeeds for one. */
  private ModelVersion claimVersion(
      FileSystem fs, String name, TrainedModel trained, VersionPlacement placement)
      throws IOException {
    Path nameDir = new Path(root, name);
    int lastTried = 0;
    for (int attempt = 0; attempt < MAX_RENAME_ATTEMPTS; attempt++) {
      // The winner of a race is already in the listing, so the next free number is latest + 1;
      // adding the attempt count on top would skip numbers.
      int version = Math.max(latestVersion(fs, nameDir) + 1, lastTried + 1);
      lastTried = version;
      ModelInfo info = trained.info().withVersion(name, version);
      Path target = new Path(nameDir, Integer.toString(version));
      if (onObjectStore() && !claimOnObjectStore(fs, nameDir, version)) {
        LOG.info("version {} of {} is claimed by another trainer; trying the next", version, name);
        continue;
      }
      if (placement.place(info, target)) {
        LOG.info("registered {}:{} at {}", name, version, target);
        return new ModelVersion(
            info, numericMetrics(trained.testReport().toJson()), target.toString());
      }
      LOG.info("version {} of {} was taken meanwhile; trying the next", version, name);
    }
    throw new IllegalStateException(
        "could not claim a version of "
            + name
            + " in "
            + location
            + " after "
            + MAX_RENAME_ATTEMPTS
            + " attempts");
  }

  /**
   * Claims a version number on S3 with a conditional put of its marker: S3 answers 412 to all but
   * one of any trainers putting the same key, where checking that the version folder exists and
   * then copying into it lets two trainers both see it free.
   *
   * @return false when another trainer holds the claim
   */
  private boolean claimOnObjectStore(FileSystem fs, Path nameDir, int version) throws IOException {
    Path marker = new Path(new Path(nameDir, CLAIMS_DIR), Integer.toString(version));
    String token = UUID.randomUUID().toString();
    try {
      // overwrite(true): no existence probe first; the put's If-None-Match header decides alone.
      // FileSystem.createFile() returns a raw builder type: build() is an Object to Java.
      try (OutputStream out =
          (OutputStream)
              fs.createFile(marker).overwrite(true).must(CONDITIONAL_CREATE, true).build()) {
        out.write(token.getBytes(StandardCharsets.UTF_8));
      }
      return true;
    } catch (IOException e) {
      // A 412 (the marker exists) surfaces from close() as an IOException whose type lives in
      // hadoop-aws.
      if (fs.exists(marker) && !token.equals(readText(fs, marker).trim())) {
        return false;
      }
      throw new IOException(
          "cannot claim version "
              + version
              + " at "
              + marker
              + " with a conditional put"
              + " (fs.s3a.create.conditional.enabled must be true): "
              + e.getMessage(),
          e);
    }
  }

  /** Everything of a version but its {@value #INFO_FILE}, in {@code dir}. */
  private void writeVersion(FileSystem fs, Path dir, String name, TrainedModel trained)
      throws IOException {
    fs.mkdirs(dir);
    trained.model().write().save(new Path(dir, MODEL_DIR).toString());
    writeText(fs, new Path(dir, SPEC_FILE), trained.spec().toYaml());
    writeText(fs, new Path(dir, METRICS_FILE), trained.testReport().toJson());
    new EvaluationCharts(conf).write(trained.testReport(), name, new Path(dir, PLOTS_DIR));
    if (trained.rejected() != null) {
      trained.rejected().write().parquet(new Path(dir, REJECTED_DIR).toString());
    }
  }

  /** S3 (through S3A) has no atomic rename and a round trip per small file. */
  private boolean onObjectStore() {
    return StorageUri.parse(location).scheme() == StorageUri.Scheme.S3;
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
    ModelVersion version = resolve(ref);
    Path dir = new Path(version.location());
    try {
      FileSystem fs = dir.getFileSystem(conf);
      String specText = readText(fs, new Path(dir, SPEC_FILE));
      DatasourceSpec spec =
          DatasourceSpec.parse(specText, new Path(dir, SPEC_FILE).toString(), null);
      PipelineModel model =
          PipelineModel.load(modelToLoad(fs, new Path(dir, MODEL_DIR)).toString());
      return new LoadedModel(model, version.info(), spec, version.location());
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot read model " + ref + " from " + dir + ": " + e.getMessage(), e);
    }
  }

  /**
   * Spark reads a model as one small job per stage file; on an object store each pays several round
   * trips. With a local master the model is copied to this machine's disk once and read there. The
   * copy stays until the JVM exits: some stages (the imputer's surrogates) keep reading their files
   * after loading.
   */
  private Path modelToLoad(FileSystem fs, Path modelDir) throws IOException {
    if (!onObjectStore() || !sparkTasksRunInThisJvm()) {
      return modelDir;
    }
    long started = System.nanoTime();
    java.nio.file.Path localDir = java.nio.file.Files.createTempDirectory("sluice-model-");
    Runtime.getRuntime()
        .addShutdownHook(new Thread(() -> deleteLocalTree(localDir), "sluice-model-cleanup"));
    java.nio.file.Path localModel = localDir.resolve(MODEL_DIR);
    // One recursive listing, then the small files fetched in parallel: a sequential copy pays a
    // listing per folder and a round trip per file.
    String prefix = fs.makeQualified(modelDir).toString() + "/";
    List<Path> files = new ArrayList<>();
    RemoteIterator<LocatedFileStatus> listing = fs.listFiles(modelDir, true);
    while (listing.hasNext()) {
      files.add(listing.next().getPath());
    }
    ExecutorService pool = Executors.newFixedThreadPool(DOWNLOAD_THREADS);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (Path file : files) {
        java.nio.file.Path target = localModel.resolve(file.toString().substring(prefix.length()));
        done.add(
            pool.submit(
                () -> {
                  java.nio.file.Files.createDirectories(target.getParent());
                  try (InputStream in = fs.open(file)) {
                    java.nio.file.Files.copy(in, target);
                  }
                  return null;
                }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while copying " + modelDir, e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
    } finally {
      pool.shutdownNow();
    }
    LOG.info(
        "copied model {} ({} files) to {} in {} ms",
        modelDir,
        files.size(),
        localModel,
        (System.nanoTime() - started) / 1_000_000);
    return new Path(localModel.toUri());
  }

  private static void deleteLocalTree(java.nio.file.Path dir) {
    if (dir == null) {
      return;
    }
    try (var paths = java.nio.file.Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      LOG.warn("could not remove local model copy {}: {}", dir, e.getMessage());
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
      Map<String, Double> values =
          fs.exists(metrics) ? numericMetrics(readText(fs, metrics)) : Map.of();
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
