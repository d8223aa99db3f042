package io.sluice.runner.pipeline;

import io.sluice.jobs.BadInputException;
import java.nio.file.Path;

/** Another {@code pipeline run} is using the working directory's state; this one did nothing. */
public final class PipelineBusyException extends BadInputException {
  private static final long serialVersionUID = 1L;

  PipelineBusyException(Path dir, String owner, Path lock) {
    super(
        String.format(
            "another pipeline run is using %s (%s); if no such run is active, remove %s",
            dir, owner, lock));
  }
}
