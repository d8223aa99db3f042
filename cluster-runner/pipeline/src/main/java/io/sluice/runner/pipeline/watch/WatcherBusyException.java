package io.sluice.runner.pipeline.watch;

import io.sluice.errors.InvalidInputException;
import java.nio.file.Path;

/** Another watcher holds the state file; this one did nothing. */
public final class WatcherBusyException extends InvalidInputException {
  private static final long serialVersionUID = 1L;

  WatcherBusyException(Path state, String owner, Path lock) {
    super(
        String.format(
            "another sluice watch is using %s (%s); if no such watcher is running, remove %s",
            state, owner, lock));
  }
}
