package io.sluice.ml;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fitted model copied from an object store to this machine's disk, for Spark to load there.
 *
 * <p>Spark reads a model as one small job per stage file; on an object store each pays several
 * round trips. With a local master the model is copied to this machine's disk once and read there.
 * The copy stays until the JVM exits: some stages (the imputer's surrogates) keep reading their
 * files after loading.
 */
final class LocalModelCopy {

  // Logged under the registry's name, as before this class was split out of it.
  private static final Logger LOG = LoggerFactory.getLogger(ModelRegistry.class);
  private static final int DOWNLOAD_THREADS = 8;

  private LocalModelCopy() {}

  /** Copies {@code modelDir} into a new temporary folder; returns the local model folder. */
  static Path copy(FileSystem fs, Path modelDir) throws IOException {
    long started = System.nanoTime();
    java.nio.file.Path localDir =
        java.nio.file.Files.createTempDirectory(RegistryFiles.localTempPrefix());
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(() -> RegistryFiles.deleteLocalTree(localDir), "sluice-model-cleanup"));
    java.nio.file.Path localModel = localDir.resolve(ModelRegistry.MODEL_DIR);
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
        java.nio.file.Path target = localTarget(localModel, prefix, file);
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

  /**
   * Where a listed file of the model goes on local disk. A registry is input like any other: an
   * object listed outside the model folder, or whose name climbs out of it, is refused rather than
   * written elsewhere on this machine.
   */
  static java.nio.file.Path localTarget(java.nio.file.Path localModel, String prefix, Path file) {
    String name = file.toString();
    java.nio.file.Path target =
        name.startsWith(prefix)
            ? localModel.resolve(name.substring(prefix.length())).normalize()
            : null;
    if (target == null || !target.startsWith(localModel) || target.equals(localModel)) {
      throw new MlInputException(
          "model file " + name + " is not inside the model folder " + prefix + "; not copying it");
    }
    return target;
  }
}
