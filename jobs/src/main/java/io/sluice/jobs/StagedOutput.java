package io.sluice.jobs;

import io.sluice.storage.StorageUri;
import java.io.IOException;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An output directory written in a hidden staging directory beside it and moved into place only
 * when the job succeeded, so a failed run leaves any earlier output untouched and readers never
 * see partial output.
 */
public final class StagedOutput {

  private static final Logger LOG = LoggerFactory.getLogger(StagedOutput.class);

  private final StorageUri target;
  private final Path finalPath;
  private final Path staging;
  private final FileSystem fs;
  private final boolean overwrite;

  private StagedOutput(StorageUri target, FileSystem fs, boolean overwrite) {
    this.target = target;
    this.finalPath = target.toHadoopPath();
    // Hidden (leading '.') so Hadoop and Spark input listings ignore it.
    this.staging = target.sibling("." + finalPath.getName() + ".sluice-staging-" + UUID.randomUUID());
    this.fs = fs;
    this.overwrite = overwrite;
  }

  /**
   * Checks the output location before anything runs.
   *
   * @throws OutputExistsException when it exists and {@code overwrite} is false
   */
  public static StagedOutput prepare(StorageUri target, boolean overwrite, Configuration conf) {
    try {
      Path path = target.toHadoopPath();
      FileSystem fs = path.getFileSystem(conf);
      if (!overwrite && fs.exists(path)) {
        throw new OutputExistsException(target.original());
      }
      return new StagedOutput(target, fs, overwrite);
    } catch (IOException e) {
      throw new SluiceJobException("cannot check output " + target.original() + ": " + e.getMessage(), e);
    }
  }

  /** Where the engine writes; it must not exist yet (both engines refuse existing output). */
  public Path stagingPath() {
    return staging;
  }

  /** Moves the staged output into place, replacing an earlier output only when overwrite was asked. */
  public void commit() {
    try {
      if (fs.exists(finalPath)) {
        if (!overwrite) {
          throw new OutputExistsException(target.original());
        }
        LOG.info("replacing earlier output {}", finalPath);
        fs.delete(finalPath, true);
      }
      fs.mkdirs(finalPath.getParent());
      if (!fs.rename(staging, finalPath)) {
        throw new SluiceJobException("could not move staged output " + staging + " to " + finalPath);
      }
    } catch (IOException e) {
      throw new SluiceJobException("could not commit output " + target.original() + ": " + e.getMessage(), e);
    }
  }

  /** Removes the staging directory after a failure; the earlier output (if any) is untouched. */
  public void abort() {
    try {
      fs.delete(staging, true);
    } catch (IOException e) {
      LOG.warn("could not remove staging directory {}: {}", staging, e.toString());
    }
  }

  /** Total bytes under the committed output. */
  public long committedBytes() {
    return Locations.totalBytes(finalPath, fs);
  }

}
