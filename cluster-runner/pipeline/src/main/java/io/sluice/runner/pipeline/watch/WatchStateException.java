package io.sluice.runner.pipeline.watch;

import io.sluice.errors.InvalidInputException;

/** A watcher's state file that cannot be read, parsed or written; the message names the file. */
public final class WatchStateException extends InvalidInputException {
  private static final long serialVersionUID = 1L;

  WatchStateException(String message, Throwable cause) {
    super(message, cause);
  }

  WatchStateException(String message) {
    super(message);
  }
}
