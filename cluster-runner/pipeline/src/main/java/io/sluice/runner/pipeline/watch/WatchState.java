package io.sluice.runner.pipeline.watch;

import io.sluice.storage.s3.ObjectSummary;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * A watcher's memory of the objects under its prefix: per key the ETag handled last and how it went
 * ({@link ObjectRecord}), and how many runs it has started (to number them). It decides which
 * listed objects need a run: a key never seen, a key whose ETag changed, or one whose runs failed
 * fewer than the allowed times. Read and written by {@link WatchStateFile}.
 */
public final class WatchState {

  private final String bucket;
  private final String prefix;
  private final boolean fresh;
  private long runs;
  private final TreeMap<String, ObjectRecord> objects;

  WatchState(
      String bucket, String prefix, boolean fresh, long runs, Map<String, ObjectRecord> objects) {
    this.bucket = bucket;
    this.prefix = prefix;
    this.fresh = fresh;
    this.runs = runs;
    this.objects = new TreeMap<>(objects);
  }

  /** A watcher's state before its first pass. */
  public static WatchState empty(String bucket, String prefix) {
    return new WatchState(bucket, prefix, true, 0, Map.of());
  }

  public String bucket() {
    return bucket;
  }

  public String prefix() {
    return prefix;
  }

  /** True when no state file existed: this is the watcher's first start. */
  public boolean fresh() {
    return fresh;
  }

  /** How many runs were started so far (the next run is number {@code runs() + 1}). */
  public long runs() {
    return runs;
  }

  /** The records by key, in key order (a view). */
  public Map<String, ObjectRecord> objects() {
    return java.util.Collections.unmodifiableMap(objects);
  }

  /**
   * The attempt number a run of {@code object} would be (1 for a new or changed object), or 0 when
   * it needs none: done for this ETag, skipped, or failed {@code maxAttempts} times already.
   */
  public int nextAttempt(ObjectSummary object, int maxAttempts) {
    ObjectRecord seen = objects.get(object.key());
    if (seen == null || !seen.etag().equals(etagOf(object))) {
      return 1;
    }
    if (seen.status() == ObjectRecord.Status.FAILED && seen.attempts() < maxAttempts) {
      return seen.attempts() + 1;
    }
    return 0;
  }

  /** Numbers a new run. */
  public long startRun() {
    return ++runs;
  }

  public void recordDone(ObjectSummary object, int attempt, long run, Instant at) {
    objects.put(
        object.key(),
        new ObjectRecord(
            etagOf(object), ObjectRecord.Status.DONE, attempt, run, at.toString(), null));
  }

  public void recordFailed(ObjectSummary object, int attempt, long run, Instant at, String error) {
    objects.put(
        object.key(),
        new ObjectRecord(
            etagOf(object), ObjectRecord.Status.FAILED, attempt, run, at.toString(), error));
  }

  public void recordSkipped(ObjectSummary object, Instant at) {
    objects.put(
        object.key(),
        new ObjectRecord(etagOf(object), ObjectRecord.Status.SKIPPED, 0, 0, at.toString(), null));
  }

  /**
   * The object's ETag; an endpoint that sends none gets size and modification time instead, which
   * also change when the object is replaced.
   */
  static String etagOf(ObjectSummary object) {
    if (object.eTag() != null && !object.eTag().isEmpty()) {
      return object.eTag();
    }
    return "size-" + object.size() + "-modified-" + object.lastModified();
  }
}
