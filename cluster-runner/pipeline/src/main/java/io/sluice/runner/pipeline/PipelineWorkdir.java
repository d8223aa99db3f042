package io.sluice.runner.pipeline;

import io.sluice.jobs.OwnedLock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;

/**
 * The working directory's {@code .sluice/} (quarantine files, the mini-cluster's storage, the
 * default DuckDB warehouse) held by one {@code pipeline run} at a time: a second run there fails at
 * once with {@link PipelineBusyException} rather than sharing those files. The lock {@value
 * #LOCK_FILE} names its owner; a dead owner's lock is taken over.
 */
public final class PipelineWorkdir implements AutoCloseable {

  static final String LOCK_FILE = "pipeline-run.lock";

  private final Path dir;
  private final boolean created;
  private final OwnedLock lock;

  private PipelineWorkdir(Path dir, boolean created, OwnedLock lock) {
    this.dir = dir;
    this.created = created;
    this.lock = lock;
  }

  /**
   * Claims {@code dir} (created if missing) for this run.
   *
   * @throws PipelineBusyException when another run that may still be running holds it
   */
  public static PipelineWorkdir claim(Path dir) {
    Path absolute = dir.toAbsolutePath().normalize();
    try {
      boolean created = !Files.isDirectory(absolute);
      Files.createDirectories(absolute);
      Path lockFile = absolute.resolve(LOCK_FILE);
      FileSystem local = FileSystem.getLocal(new Configuration());
      try {
        OwnedLock lock =
            OwnedLock.acquire(
                local,
                new org.apache.hadoop.fs.Path(lockFile.toUri()),
                owner -> new PipelineBusyException(absolute, owner, lockFile));
        return new PipelineWorkdir(absolute, created, lock);
      } catch (RuntimeException e) {
        removeIfCreatedAndEmpty(absolute, created);
        throw e;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot lock " + absolute + ": " + e.getMessage(), e);
    }
  }

  /** Releases the directory; removes it again if this run created it and left nothing in it. */
  @Override
  public void close() {
    lock.release();
    removeIfCreatedAndEmpty(dir, created);
  }

  private static void removeIfCreatedAndEmpty(Path dir, boolean created) {
    if (!created) {
      return;
    }
    try {
      Files.deleteIfExists(dir);
    } catch (DirectoryNotEmptyException e) {
      // the run left files there (quarantine, a warehouse): they stay
    } catch (IOException e) {
      // a directory we could not remove is harmless
    }
  }
}
