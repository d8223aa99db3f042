package io.sluice.runner.pipeline.watch;

import io.sluice.jobs.OwnedLock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;

/**
 * One watcher per state file: {@code STATE.lock} beside it, an {@link OwnedLock} naming the
 * watcher's process, so a second watcher fails at once with one line and a killed watcher's lock is
 * taken over by the next one.
 */
public final class WatchLock implements AutoCloseable {

  private final OwnedLock lock;

  private WatchLock(OwnedLock lock) {
    this.lock = lock;
  }

  /**
   * Claims {@code stateFile}.
   *
   * @throws WatcherBusyException when a watcher that may still be running holds it
   */
  public static WatchLock claim(Path stateFile) {
    Path state = stateFile.toAbsolutePath().normalize();
    Path lockFile = state.resolveSibling(state.getFileName() + ".lock");
    try {
      Files.createDirectories(state.getParent());
      FileSystem local = FileSystem.getLocal(new Configuration());
      return new WatchLock(
          OwnedLock.acquire(
              local,
              new org.apache.hadoop.fs.Path(lockFile.toUri()),
              owner -> new WatcherBusyException(stateFile, owner, lockFile)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot lock " + lockFile + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    lock.release();
  }
}
