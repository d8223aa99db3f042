package io.sluice.jobs;

import io.sluice.storage.ExclusiveCreate;
import io.sluice.storage.leftovers.LockFiles;
import io.sluice.storage.leftovers.Owner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A run's claim on something two runs must not use together (an output location, a pipeline's
 * working directory): a lock file created atomically ({@link ExclusiveCreate}) that names its
 * {@link Owner} (host, pid, process start, time) in {@link LockFiles}' text. A second run fails at
 * once with the caller's one-line error; the holder removes the lock when done; the lock of an
 * owner that is no longer running (a killed run) is taken over with a warning.
 */
public final class OwnedLock {

  private static final Logger LOG = LoggerFactory.getLogger(OwnedLock.class);

  /** Creating, and once taking over a dead owner's lock and creating again. */
  private static final int ATTEMPTS = 3;

  private final FileSystem fs;
  private final Path lock;
  private final String content;

  private OwnedLock(FileSystem fs, Path lock, String content) {
    this.fs = fs;
    this.lock = lock;
    this.content = content;
  }

  /**
   * Takes the lock at {@code lock}.
   *
   * @param busy the error when a run that may still be running holds it, given that run's {@link
   *     Owner#describeHolder()} (or why it is unknown)
   */
  public static OwnedLock acquire(
      FileSystem fs, Path lock, Function<String, ? extends RuntimeException> busy)
      throws IOException {
    String content = LockFiles.text(Owner.current());
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      if (ExclusiveCreate.create(fs, lock, content.getBytes(StandardCharsets.UTF_8))) {
        return new OwnedLock(fs, lock, content);
      }
      Optional<String> held = LockFiles.read(fs, lock);
      if (held.isEmpty()) {
        continue; // released meanwhile
      }
      Optional<Owner> owner = LockFiles.owner(held.get());
      if (owner.isEmpty() || owner.get().mayBeAlive(Instant.now())) {
        throw busy.apply(owner.map(Owner::describeHolder).orElse("its owner is not recorded"));
      }
      LOG.warn(
          "taking over the lock {} of a run that is no longer running ({})",
          lock,
          owner.get().describeHolder());
      // Only the dead owner's lock: another run may have taken it over since it was read.
      if (held.equals(LockFiles.read(fs, lock))) {
        fs.delete(lock, false);
      }
    }
    throw busy.apply("another run took the lock over first");
  }

  /** Removes the lock if it is still this run's. */
  public void release() {
    try {
      if (Optional.of(content).equals(LockFiles.read(fs, lock))) {
        fs.delete(lock, false);
      }
    } catch (IOException e) {
      LOG.warn("could not remove the lock {}: {}", lock, e.toString());
    }
  }
}
