package io.sluice.ml;

import static io.sluice.ml.ModelRegistry.CLAIMS_DIR;
import static io.sluice.ml.ModelRegistry.INFO_FILE;
import static io.sluice.ml.ModelRegistry.METRICS_FILE;
import static io.sluice.ml.ModelRegistry.MODEL_DIR;
import static io.sluice.ml.ModelRegistry.PLOTS_DIR;
import static io.sluice.ml.ModelRegistry.REJECTED_DIR;
import static io.sluice.ml.ModelRegistry.SPEC_FILE;
import static io.sluice.ml.RegistryFiles.JSON;
import static io.sluice.ml.RegistryFiles.writeText;

import io.sluice.concurrent.DaemonThreads;
import io.sluice.storage.ExclusiveCreate;
import io.sluice.storage.leftovers.Owner;
import io.sluice.storage.leftovers.StagingDirs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a trained model as the next free version of its name, never overwriting one: the version
 * is written completely first, then placed under a number that a rename (or, on S3, a claim marker)
 * secures against other trainers; see {@link ModelRegistry} for the guarantees.
 */
final class VersionWriter {

  // Logged under the registry's name, as before this class was split out of it.
  private static final Logger LOG = LoggerFactory.getLogger(ModelRegistry.class);
  private static final int MAX_RENAME_ATTEMPTS = 100;

  private final String location;
  private final Path root;
  private final Configuration conf;
  private final boolean onObjectStore;

  /**
   * @param onObjectStore whether the registry is on S3: no atomic rename, so numbers are claimed
   */
  VersionWriter(String location, Path root, Configuration conf, boolean onObjectStore) {
    this.location = location;
    this.root = root;
    this.conf = conf;
    this.onObjectStore = onObjectStore;
  }

  /**
   * Writes the version in a hidden staging folder beside the versions and renames it into place.
   */
  ModelVersion registerInPlace(String name, TrainedModel trained) {
    Path nameDir = new Path(root, name);
    // Named after this process: a later trainer removes it if this one is killed (see StagingDirs).
    Path staging = new Path(nameDir, StagingDirs.newName(StagingDirs.MODEL_VERSION));
    try {
      FileSystem fs = root.getFileSystem(conf);
      StagingDirs.removeAbandonedInside(fs, nameDir, LOG);
      writeVersion(fs, staging, name, trained);
      FileContext fc = FileContext.getFileContext(nameDir.toUri(), conf);
      return claimVersion(
          fs,
          name,
          trained,
          (info, target) -> {
            // Written per attempt: the version number is part of the record.
            writeText(fs, new Path(staging, INFO_FILE), JSON.writeValueAsString(info) + "\n");
            return renameNoReplace(fs, fc, staging, target);
          });
    } catch (IOException e) {
      throw cannotWrite(name, e);
    } finally {
      deleteQuietly(staging);
    }
  }

  /**
   * On an object store a rename is a copy, and Spark's writes of the many small files of a model
   * each pay a committer round trip. When Spark's tasks run in this JVM they can write to this
   * machine's disk, so the version is written there and uploaded once, file by file, with {@value
   * ModelRegistry#INFO_FILE} last: listings skip the folder until it is complete.
   */
  ModelVersion registerThroughLocalDisk(String name, TrainedModel trained) {
    java.nio.file.Path localDir = null;
    try {
      localDir = java.nio.file.Files.createTempDirectory(RegistryFiles.localTempPrefix());
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
      throw cannotWrite(name, e);
    } finally {
      RegistryFiles.deleteLocalTree(localDir);
    }
  }

  /**
   * Renames a version folder to a number unless that exists. Hadoop's local file system checks and
   * then renames, and when the check loses a race it copies the folder into the existing version
   * (and reports success); so on a local disk the rename is the system call alone, which fails on a
   * non-empty target. HDFS refuses an existing target in the NameNode.
   */
  private static boolean renameNoReplace(FileSystem fs, FileContext fc, Path from, Path to)
      throws IOException {
    if (fs instanceof LocalFileSystem || fs instanceof RawLocalFileSystem) {
      try {
        Files.move(
            java.nio.file.Path.of(fs.makeQualified(from).toUri()),
            java.nio.file.Path.of(fs.makeQualified(to).toUri()));
        return true;
      } catch (java.nio.file.FileAlreadyExistsException | DirectoryNotEmptyException e) {
        return false;
      } catch (FileSystemException e) {
        if (fs.exists(to)) {
          return false; // rename(2) said ENOTEMPTY or EEXIST
        }
        throw e;
      }
    }
    try {
      fc.rename(from, to, Options.Rename.NONE);
      return true;
    } catch (FileAlreadyExistsException e) {
      return false;
    }
  }

  private IllegalStateException cannotWrite(String name, IOException e) {
    return new IllegalStateException(
        "cannot write model " + name + " to registry " + location + ": " + e.getMessage(), e);
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
      if (onObjectStore && !claimOnObjectStore(fs, nameDir, version)) {
        LOG.info("version {} of {} is claimed by another trainer; trying the next", version, name);
        continue;
      }
      if (placement.place(info, target)) {
        LOG.info("registered {}:{} at {}", name, version, target);
        return new ModelVersion(
            info, RegistryFiles.numericMetrics(trained.testReport().toJson()), target.toString());
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
   * Claims a version number on S3 with a conditional put of its marker ({@link ExclusiveCreate}):
   * S3 answers 412 to all but one of any trainers putting the same key, where checking that the
   * version folder exists and then copying into it lets two trainers both see it free.
   *
   * @return false when another trainer holds the claim
   */
  private static boolean claimOnObjectStore(FileSystem fs, Path nameDir, int version)
      throws IOException {
    Path marker = new Path(new Path(nameDir, CLAIMS_DIR), Integer.toString(version));
    // The trainer's name first: `sluice clean` tells a killed trainer's half upload by it.
    String token = Owner.current().token() + " " + UUID.randomUUID();
    try {
      return ExclusiveCreate.create(fs, marker, token.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IOException("cannot claim version " + version + ": " + e.getMessage(), e);
    }
  }

  /**
   * Everything of a version but its {@value ModelRegistry#INFO_FILE}, in {@code dir}. The charts
   * (drawn on the driver: JFreeChart and the JDK's font and PNG code, about a second at the first
   * chart of a JVM) and the rejected rows (a Spark job) are written on threads of their own while
   * the model's stages are saved (many small one-task jobs): at scale 1 of the demo the save leaves
   * the second core mostly idle, and this is on the pipeline's longest chain. Each writes its own
   * files, so the version's files are the same as one after the other.
   */
  private void writeVersion(FileSystem fs, Path dir, String name, TrainedModel trained)
      throws IOException {
    fs.mkdirs(dir);
    ExecutorService beside =
        Executors.newFixedThreadPool(2, DaemonThreads.numbered("sluice-version-files-"));
    List<Future<?>> started = new ArrayList<>();
    boolean written = false;
    try {
      started.add(
          beside.submit(
              () ->
                  new EvaluationCharts(conf)
                      .write(trained.testReport(), name, new Path(dir, PLOTS_DIR))));
      if (trained.rejected() != null) {
        started.add(
            beside.submit(
                () -> trained.rejected().write().parquet(new Path(dir, REJECTED_DIR).toString())));
      }
      ModelFiles.save(trained.model(), new Path(dir, MODEL_DIR).toString());
      writeText(fs, new Path(dir, SPEC_FILE), trained.spec().toYaml());
      writeText(fs, new Path(dir, METRICS_FILE), trained.testReport().toJson());
      ModelFiles.await(started.get(0), "drawing the evaluation's charts");
      if (started.size() > 1) {
        ModelFiles.await(started.get(1), "writing the rejected rows");
      }
      written = true;
    } finally {
      beside.shutdown();
      if (!written) {
        // The caller removes the folder: nothing may still be writing into it.
        awaitQuietly(beside);
      }
    }
  }

  private static void awaitQuietly(ExecutorService pool) {
    try {
      if (!pool.awaitTermination(10, TimeUnit.MINUTES)) {
        LOG.warn("a writer of the model version is still running");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static int latestVersion(FileSystem fs, Path nameDir) throws IOException {
    int latest = 0;
    if (fs.exists(nameDir)) {
      for (FileStatus s : fs.listStatus(nameDir)) {
        latest = Math.max(latest, RegistryFiles.parseVersion(s.getPath().getName()));
      }
    }
    return latest;
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
