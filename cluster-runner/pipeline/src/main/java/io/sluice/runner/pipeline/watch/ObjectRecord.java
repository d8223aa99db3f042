package io.sluice.runner.pipeline.watch;

/**
 * What the state file remembers of one key: the ETag last handled, how that went, how many runs
 * were tried for that ETag, the number of the last run, when (ISO-8601, UTC), and the last
 * failure's one line.
 */
public record ObjectRecord(
    String etag, Status status, int attempts, long run, String updated, String error) {

  /** How the last run (or the decision not to run) for {@link #etag} ended. */
  public enum Status {
    /** The pipeline succeeded for this ETag: never run again for it. */
    DONE,
    /** Runs failed {@link #attempts} times; tried again while attempts stay under the limit. */
    FAILED,
    /** Present at the first start with {@code --existing skip}: recorded, not run. */
    SKIPPED
  }
}
