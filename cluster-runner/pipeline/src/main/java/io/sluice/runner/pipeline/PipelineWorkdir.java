package io.sluice.runner.pipeline;

import io.sluice.jobs.OwnedLock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
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
  private final boolean removable;
  private final OwnedLock lock;

  private PipelineWorkdir(Path dir, boolean removable, OwnedLock lock) {
    this.dir = dir;
    this.removable = removable;
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
      // A directory holding no more than a lock was made for a run (maybe a concurrent one that
      // ends before us): it goes when we end, so two runs leave what one clean run leaves.
      boolean removable = !Files.isDirectory(absolute) || holdsNothingButALock(absolute);
      Files.createDirectories(absolute);
      Path lockFile = absolute.resolve(LOCK_FILE);
      FileSystem local = FileSystem.getLocal(new Configuration());
      try {
        OwnedLock lock =
            OwnedLock.acquire(
                local,
                new org.apache.hadoop.fs.Path(lockFile.toUri()),
                owner -> new PipelineBusyException(absolute, owner, lockFile));
        return new PipelineWorkdir(absolute, removable, lock);
      } catch (RuntimeException e) {
        removeIfEmpty(absolute, removable);
        throw e;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot lock " + absolute + ": " + e.getMessage(), e);
    }
  }

  /**
   * Releases the directory; removes it again if it was made for a run (it held no more than a lock
   * when this run claimed it) and nothing is left in it.
   */
  @Override
  public void close() {
    lock.release();
    removeIfEmpty(dir, removable);
  }

  private static boolean holdsNothingButALock(Path dir) throws IOException {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries
          .map(p -> p.getFileName().toString())
          .allMatch(n -> n.equals(LOCK_FILE) || n.equals("." + LOCK_FILE + ".crc"));
    }
  }

  private static void removeIfEmpty(Path dir, boolean removable) {
    if (!removable) {
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
