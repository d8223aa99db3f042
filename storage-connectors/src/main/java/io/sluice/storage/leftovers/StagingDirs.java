package io.sluice.storage.leftovers;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;

/**
 * Hidden staging directories, named {@code .<name>.sluice-staging-<owner token>-<random>}: written
 * beside an output (jobs) or inside a model's folder (the registry) and renamed into place when
 * complete. A killed run leaves its staging directory behind; its name says whose it was.
 */
public final class StagingDirs {

  /** What every staging directory's name holds after {@code .<name>}. */
  public static final String MARKER = ".sluice-staging-";

  /** The name the model registry stages a version under, inside the model's folder. */
  public static final String MODEL_VERSION = "model-version";

  private StagingDirs() {}

  /** A new staging directory name for {@code name}, owned by this process. */
  public static String newName(String name) {
    return "."
        + name
        + MARKER
        + Owner.current().token()
        + "-"
        + UUID.randomUUID().toString().substring(0, 8);
  }

  /** The owner a staging directory's name records; empty for names of older releases. */
  static Optional<Owner> ownerOf(String dirName) {
    int at = dirName.indexOf(MARKER);
    int last = dirName.lastIndexOf('-');
    if (at < 0 || last <= at + MARKER.length()) {
      return Optional.empty();
    }
    return Owner.parse(dirName.substring(at + MARKER.length(), last));
  }

  static boolean isStaging(String dirName) {
    return dirName.startsWith(".") && dirName.indexOf(MARKER) > 0;
  }

  /** The staging directories of the output {@code target}: its siblings. */
  public static List<Leftover> beside(FileSystem fs, Path target) throws IOException {
    Path parent = target.getParent();
    return parent == null ? List.of() : in(fs, parent, "." + target.getName() + MARKER);
  }

  /** The staging directories directly inside {@code dir}. */
  public static List<Leftover> inside(FileSystem fs, Path dir) throws IOException {
    return in(fs, dir, ".");
  }

  private static List<Leftover> in(FileSystem fs, Path dir, String prefix) throws IOException {
    FileStatus[] children;
    try {
      children = fs.listStatus(dir);
    } catch (FileNotFoundException e) {
      return List.of();
    }
    List<Leftover> found = new ArrayList<>();
    for (FileStatus child : children) {
      String name = child.getPath().getName();
      if (child.isDirectory() && name.startsWith(prefix) && isStaging(name)) {
        found.add(leftover(fs, child));
      }
    }
    return found;
  }

  static Leftover leftover(FileSystem fs, FileStatus dir) {
    String name = dir.getPath().getName();
    Owner owner = ownerOf(name).orElse(null);
    return new Leftover(
        name.startsWith("." + MODEL_VERSION + MARKER)
            ? "unfinished model version"
            : "staging directory",
        dir.getPath().toString(),
        owner,
        owner != null ? owner.createdMillis() : dir.getModificationTime(),
        bytes(fs, dir.getPath()),
        Leftover.inUseBy(owner, Instant.now()),
        () -> fs.delete(dir.getPath(), true));
  }

  static long bytes(FileSystem fs, Path path) {
    try {
      return fs.getContentSummary(path).getLength();
    } catch (IOException e) {
      return -1; // removed meanwhile, or not readable: the size is only for the listing
    }
  }

  /**
   * Before a run writes {@code target}: removes the staging directories beside it whose owners are
   * gone. Best effort: a listing that fails (e.g. no permission on the parent) is logged, and the
   * run goes on.
   */
  public static void removeAbandonedBeside(FileSystem fs, Path target, Logger log) {
    try {
      removeAbandoned(beside(fs, target), log);
    } catch (IOException e) {
      log.warn(
          "could not look for abandoned staging directories beside {}: {}", target, e.toString());
    }
  }

  /** As {@link #removeAbandonedBeside}, for the staging directories directly inside {@code dir}. */
  public static void removeAbandonedInside(FileSystem fs, Path dir, Logger log) {
    try {
      removeAbandoned(inside(fs, dir), log);
    } catch (IOException e) {
      log.warn("could not look for abandoned staging directories in {}: {}", dir, e.toString());
    }
  }

  /**
   * Removes those of {@code leftovers} whose owners are gone (see {@link Leftover#keptBecause}),
   * logging one line per removal; a live owner's are never touched.
   *
   * @return how many were removed
   */
  public static int removeAbandoned(List<Leftover> leftovers, Logger log) {
    Instant now = Instant.now();
    int removed = 0;
    for (Leftover leftover : leftovers) {
      if (leftover.keptBecause(now, null) != null) {
        continue;
      }
      try {
        leftover.removal().remove();
        removed++;
        log.info("removed the abandoned {}", leftover.describe(now));
      } catch (IOException e) {
        log.warn("could not remove the abandoned {}: {}", leftover.describe(now), e.toString());
      }
    }
    return removed;
  }
}
