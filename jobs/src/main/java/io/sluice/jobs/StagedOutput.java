package io.sluice.jobs;

import io.sluice.storage.StorageUri;
import io.sluice.storage.leftovers.LockFiles;
import io.sluice.storage.leftovers.StagingDirs;
import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An output directory written in a hidden staging directory beside it and moved into place only
 * when the job succeeded, so a failed run leaves any earlier output untouched and readers never see
 * partial output.
 *
 * <p>On S3 a rename is a copy, so there is no staging: the engines write to the destination through
 * the S3A committer (see {@code StorageConfig}), which keeps every file an uncompleted multipart
 * upload until job commit; a failed job leaves nothing visible. S3 has no atomic replace, so with
 * {@code --overwrite} the earlier output is deleted when the run starts.
 *
 * <p>A run killed before it could clean up leaves its staging directory; the next run to the same
 * output removes those whose owners are gone ({@link StagingDirs}), and {@code sluice clean} does
 * it on demand.
 *
 * <p>Two runs to the same output would race (both pass the existence check, or both delete and
 * write), so a run holds the output's {@link OwnedLock} from the check to the commit or abort; a
 * second run fails at once with {@link OutputBusyException}.
 */
public final class StagedOutput {

  private static final Logger LOG = LoggerFactory.getLogger(StagedOutput.class);

  private final StorageUri target;
  private final Path finalPath;
  private final Path staging;
  private final FileSystem fs;
  private final boolean overwrite;
  private final boolean direct;
  private final OwnedLock lock;

  private StagedOutput(StorageUri target, FileSystem fs, boolean overwrite, OwnedLock lock) {
    this.target = target;
    this.finalPath = target.toHadoopPath();
    this.direct = target.scheme() == StorageUri.Scheme.S3;
    // Hidden (leading '.') so Hadoop and Spark input listings ignore it; its name records this
    // process, so a later run can tell a killed run's leftover from a live one's.
    this.staging = direct ? finalPath : target.sibling(StagingDirs.newName(finalPath.getName()));
    this.fs = fs;
    this.overwrite = overwrite;
    this.lock = lock;
  }

  /**
   * Checks the output location before anything runs.
   *
   * @throws OutputExistsException when it exists and {@code overwrite} is false
   * @throws OutputBusyException when another run is writing it
   */
  public static StagedOutput prepare(StorageUri target, boolean overwrite, Configuration conf) {
    try {
      Path path = target.toHadoopPath();
      FileSystem fs = path.getFileSystem(conf);
      Path lockPath = lockPath(target);
      OwnedLock lock =
          OwnedLock.acquire(
              fs,
              lockPath,
              owner -> new OutputBusyException(target.original(), owner, lockPath.toString()));
      try {
        boolean exists = fs.exists(path);
        if (!overwrite && exists) {
          throw new OutputExistsException(target.original());
        }
        StagedOutput output = new StagedOutput(target, fs, overwrite, lock);
        if (!output.direct) {
          StagingDirs.removeAbandonedBeside(fs, path, LOG);
        }
        if (output.direct && exists) {
          LOG.warn(
              "S3 has no atomic replace: deleting earlier output {} before the run",
              target.original());
          fs.delete(path, true);
        }
        return output;
      } catch (IOException | RuntimeException e) {
        lock.release();
        throw e;
      }
    } catch (IOException e) {
      throw new SluiceJobException(
          "cannot check output " + target.original() + ": " + e.getMessage(), e);
    }
  }

  /** Where the lock of {@code target} lives: {@code .<name>.sluice-lock} beside it. */
  static Path lockPath(StorageUri target) {
    return target.sibling(LockFiles.nameFor(target.toHadoopPath().getName()));
  }

  /** The output location as given. */
  public StorageUri target() {
    return target;
  }

  /** Where the engine writes; it does not exist yet (both engines refuse existing output). */
  public Path stagingPath() {
    return staging;
  }

  /**
   * Moves the staged output into place, replacing an earlier output only when overwrite was asked.
   */
  public void commit() {
    if (direct) {
      lock.release();
      return; // the S3A committer completed the uploads at job commit
    }
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
        throw new SluiceJobException(
            "could not move staged output " + staging + " to " + finalPath);
      }
    } catch (IOException e) {
      throw new SluiceJobException(
          "could not commit output " + target.original() + ": " + e.getMessage(), e);
    }
    lock.release();
  }

  /**
   * Removes the staging directory after a failure (the earlier output, if any, is untouched) and
   * releases the output.
   */
  public void abort() {
    try {
      abortWrites();
    } finally {
      lock.release();
    }
  }

  private void abortWrites() {
    try {
      if (direct) {
        // The committer's job abort cancels pending uploads; remove the directory marker it may
        // have created, so a failed first run leaves no "existing" output behind.
        if (fs.exists(finalPath) && fs.listStatus(finalPath).length == 0) {
          fs.delete(finalPath, true);
        }
        return;
      }
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
