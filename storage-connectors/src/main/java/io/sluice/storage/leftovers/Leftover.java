package io.sluice.storage.leftovers;

import io.sluice.storage.ByteSize;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;

/**
 * One artefact a run leaves behind when it is killed before it can clean up: a staging directory, a
 * pending multipart upload, a stage table, an unfinished model version.
 *
 * @param what the kind, as listings name it, e.g. {@code staging directory}
 * @param where its location (a URI, or a table name with its warehouse)
 * @param owner who made it; null when the artefact cannot say (S3 uploads, older names)
 * @param createdMillis when it was made (or last modified), epoch milliseconds
 * @param bytes its size, or -1 when unknown
 * @param inUse why a live process may still use it ({@code owner running}, {@code a load into t is
 *     running}), decided when it was found; null when nothing does
 * @param removal how to remove it
 */
public record Leftover(
    String what,
    String where,
    Owner owner,
    long createdMillis,
    long bytes,
    String inUse,
    Removal removal) {

  /** Why an artefact whose owner may be alive is kept. */
  public static final String OWNER_RUNNING = "owner running";

  /**
   * An artefact that names no owner is taken for abandoned once this old (or older than {@code
   * --older-than}): far longer than any run.
   */
  public static final Duration UNOWNED_AGE = Duration.ofDays(1);

  /** Removes one artefact. */
  @FunctionalInterface
  public interface Removal {
    void remove() throws IOException;
  }

  public Duration age(Instant now) {
    return Duration.ofMillis(Math.max(0, now.toEpochMilli() - createdMillis));
  }

  /** {@link #inUse} for an artefact of {@code owner}: whether it may still be running. */
  public static String inUseBy(Owner owner, Instant now) {
    return owner != null && owner.mayBeAlive(now) ? OWNER_RUNNING : null;
  }

  /**
   * Why it is kept, or null when it is to be removed: a live process may use it, or it is younger
   * than {@code olderThan} (null: no limit for an owned artefact, {@link #UNOWNED_AGE} for one
   * without owner).
   */
  public String keptBecause(Instant now, Duration olderThan) {
    Duration age = age(now);
    if (olderThan != null && age.compareTo(olderThan) < 0) {
      return "younger than --older-than";
    }
    if (inUse != null) {
      return inUse;
    }
    if (owner == null && olderThan == null && age.compareTo(UNOWNED_AGE) < 0) {
      return "no owner recorded, younger than " + UNOWNED_AGE.toHours() + "h";
    }
    return null;
  }

  /** {@code staging directory file:/out/.x... owner host pid 12, age 3m 2s, 1.2 KiB}. */
  public String describe(Instant now) {
    return what
        + " "
        + where
        + " owner "
        + (owner == null ? "unknown" : owner.describe())
        + ", age "
        + formatAge(age(now))
        + (bytes >= 0 ? ", " + ByteSize.format(bytes) : "");
  }

  static String formatAge(Duration d) {
    long s = d.toSeconds();
    if (s < 60) {
      return s + "s";
    } else if (s < 3600) {
      return s / 60 + "m " + s % 60 + "s";
    } else if (s < 86_400) {
      return s / 3600 + "h " + s % 3600 / 60 + "m";
    }
    return s / 86_400 + "d " + s % 86_400 / 3600 + "h";
  }
}
