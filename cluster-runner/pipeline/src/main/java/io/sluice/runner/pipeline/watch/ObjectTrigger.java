package io.sluice.runner.pipeline.watch;

import io.sluice.storage.s3.ObjectSummary;
import java.nio.file.Path;

/** What a watcher does for each new or changed object: {@link WatchedPipeline} runs a pipeline. */
@FunctionalInterface
public interface ObjectTrigger {

  /**
   * Handles {@code object}; returns normally on success and throws on failure.
   *
   * @param runDir a working directory of this run's own
   */
  void run(ObjectSummary object, Path runDir) throws Exception;
}
