package io.sluice.ml;

import static io.sluice.ml.ModelRegistry.CLAIMS_DIR;
import static io.sluice.ml.ModelRegistry.INFO_FILE;

import io.sluice.storage.leftovers.Leftover;
import io.sluice.storage.leftovers.Owner;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Versions of a registry on an object store that a trainer claimed ({@code <model>/.claims/N}) and
 * began to upload ({@code <model>/N}) but never finished ({@code N} has no {@value
 * ModelRegistry#INFO_FILE}): what a trainer killed mid-upload leaves. Listings skip them; their
 * claim markers name the trainer. (On file systems with a rename, versions stage in hidden
 * directories instead: see {@link io.sluice.storage.leftovers.StagingDirs}.)
 */
public final class UnfinishedVersions {

  private UnfinishedVersions() {}

  /** The unfinished versions of the registry at {@code location}, or of the model it is. */
  public static List<Leftover> find(FileSystem fs, Path location) throws IOException {
    List<Leftover> found = new ArrayList<>(ofModel(fs, location));
    FileStatus[] children;
    try {
      children = fs.listStatus(location);
    } catch (FileNotFoundException e) {
      return found;
    }
    for (FileStatus child : children) {
      String name = child.getPath().getName();
      if (child.isDirectory() && !name.startsWith(".") && !name.startsWith("_")) {
        found.addAll(ofModel(fs, child.getPath()));
      }
    }
    return found;
  }

  private static List<Leftover> ofModel(FileSystem fs, Path modelDir) throws IOException {
    FileStatus[] claims;
    try {
      claims = fs.listStatus(new Path(modelDir, CLAIMS_DIR));
    } catch (FileNotFoundException e) {
      return List.of();
    }
    Instant now = Instant.now();
    List<Leftover> found = new ArrayList<>();
    for (FileStatus claim : claims) {
      Path version = new Path(modelDir, claim.getPath().getName());
      if (RegistryFiles.parseVersion(version.getName()) < 0
          || !fs.exists(version)
          || fs.exists(new Path(version, INFO_FILE))) {
        continue;
      }
      // The marker holds "<owner token> <random>" (older releases: the random part alone).
      String text = RegistryFiles.readText(fs, claim.getPath()).trim();
      Owner owner = Owner.parse(text.split(" ")[0]).orElse(null);
      found.add(
          new Leftover(
              "unfinished model version",
              version.toString(),
              owner,
              owner != null ? owner.createdMillis() : claim.getModificationTime(),
              fs.getContentSummary(version).getLength(),
              Leftover.inUseBy(owner, now),
              // The claim stays: the number is never handed out twice.
              () -> fs.delete(version, true)));
    }
    return found;
  }
}
