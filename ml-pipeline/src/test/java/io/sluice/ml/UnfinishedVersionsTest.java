package io.sluice.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.storage.leftovers.DeadOwners;
import io.sluice.storage.leftovers.Leftover;
import io.sluice.storage.leftovers.Owner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An object-store registry's versions claimed and half uploaded by a trainer that was killed are
 * found and removable; a live trainer's and finished versions are not.
 */
class UnfinishedVersionsTest {

  @TempDir Path root;

  @Test
  void aKilledTrainersHalfUploadedVersionIsFoundAndALiveOnesKept() throws Exception {
    Owner dead = DeadOwners.killed();
    Path model = root.resolve("churn");
    version(model, 1, dead.token() + " 1b2c", false);
    version(model, 2, Owner.current().token() + " 3d4e", false);
    version(model, 3, dead.token() + " 5f6a", true);

    FileSystem fs = FileSystem.getLocal(new Configuration());
    List<Leftover> found = UnfinishedVersions.find(fs, new org.apache.hadoop.fs.Path(root.toUri()));
    assertEquals(2, found.size(), found.toString());
    Leftover first = found.stream().filter(l -> l.where().endsWith("/1")).findFirst().get();
    Leftover second = found.stream().filter(l -> l.where().endsWith("/2")).findFirst().get();
    assertNull(first.keptBecause(Instant.now(), null));
    assertEquals(Leftover.OWNER_RUNNING, second.keptBecause(Instant.now(), null));
    assertEquals(5, first.bytes());

    first.removal().remove();
    assertTrue(Files.notExists(model.resolve("1")));
    assertTrue(Files.exists(model.resolve(ModelRegistry.CLAIMS_DIR).resolve("1")));
    assertTrue(Files.exists(model.resolve("3").resolve(ModelRegistry.INFO_FILE)));
  }

  private static void version(Path model, int n, String claim, boolean finished) throws Exception {
    Path claims = Files.createDirectories(model.resolve(ModelRegistry.CLAIMS_DIR));
    Files.writeString(claims.resolve(Integer.toString(n)), claim);
    Path version = Files.createDirectories(model.resolve(Integer.toString(n)));
    Files.writeString(version.resolve(ModelRegistry.SPEC_FILE), "half!");
    if (finished) {
      Files.writeString(version.resolve(ModelRegistry.INFO_FILE), "{}");
    }
  }
}
