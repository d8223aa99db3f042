package io.sluice.runner.pipeline.watch;

import io.sluice.errors.InvalidInputException;
import java.util.Locale;

/** What a watcher does with the objects already under the prefix when it first starts. */
public enum ExistingObjects {
  /** Run the pipeline for each of them, as for new objects (the default). */
  RUN,
  /** Record them as seen without running; only objects that arrive (or change) later run. */
  SKIP;

  /** {@code run} or {@code skip}. */
  public static ExistingObjects parse(String text) {
    for (ExistingObjects e : values()) {
      if (e.id().equals(text)) {
        return e;
      }
    }
    throw new InvalidInputException("--existing '" + text + "': expected run or skip");
  }

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
