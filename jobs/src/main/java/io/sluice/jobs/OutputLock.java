package io.sluice.jobs;

import io.sluice.storage.ExclusiveCreate;
import io.sluice.storage.StorageUri;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A run's claim on an output location: a hidden file {@code .<name>.sluice-lock} beside the output,
 * created atomically ({@link ExclusiveCreate}) and naming its {@link RunOwner}, so two runs to the
 * same output never write it together: the second fails with {@link OutputBusyException}. The
 * winner removes the lock when it commits or aborts; the lock of an owner that is no longer running
 * (a killed run) is taken over with a warning.
 */
final class OutputLock {

  static final String SUFFIX = ".sluice-lock";

  private static final Logger LOG = LoggerFactory.getLogger(OutputLock.class);

  /** Creating, and once taking over a dead owner's lock and creating again. */
  private static final int ATTEMPTS = 3;

  private final FileSystem fs;
  private final Path lock;
  private final String content;

  private OutputLock(FileSystem fs, Path lock, String content) {
    this.fs = fs;
    this.lock = lock;
    this.content = content;
  }

  /** Where the lock of {@code target} lives. */
  static Path lockPath(StorageUri target) {
    return target.sibling("." + target.toHadoopPath().getName() + SUFFIX);
  }

  /**
   * Takes the lock of {@code target}.
   *
   * @throws OutputBusyException when a run that may still be running holds it
   */
  static OutputLock acquire(StorageUri target, FileSystem fs) throws IOException {
    Path lock = lockPath(target);
    // The run id tells apart runs of one process (threads, a pipeline): same owner, own lock.
    String content = RunOwner.current().toText() + "run=" + UUID.randomUUID() + "\n";
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      if (ExclusiveCreate.create(fs, lock, content.getBytes(StandardCharsets.UTF_8))) {
        return new OutputLock(fs, lock, content);
      }
      Optional<String> held = read(fs, lock);
      if (held.isEmpty()) {
        continue; // released meanwhile
      }
      Optional<RunOwner> owner = RunOwner.parse(held.get());
      if (owner.isEmpty() || owner.get().mayBeRunning()) {
        throw new OutputBusyException(
            target.original(),
            owner.map(RunOwner::describe).orElse("its owner is not recorded"),
            lock.toString());
      }
      LOG.warn(
          "taking over the lock {} of a run that is no longer running ({})",
          lock,
          owner.get().describe());
      // Only the dead owner's lock: another run may have taken it over since it was read.
      if (held.equals(read(fs, lock))) {
        fs.delete(lock, false);
      }
    }
    throw new OutputBusyException(
        target.original(), "it took the lock over first", lock.toString());
  }

  /** Removes the lock if it is still this run's. */
  void release() {
    try {
      if (Optional.of(content).equals(read(fs, lock))) {
        fs.delete(lock, false);
      }
    } catch (IOException e) {
      LOG.warn("could not remove the output lock {}: {}", lock, e.toString());
    }
  }

  private static Optional<String> read(FileSystem fs, Path lock) throws IOException {
    try (InputStream in = fs.open(lock)) {
      return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (FileNotFoundException e) {
      return Optional.empty();
    }
  }
}
