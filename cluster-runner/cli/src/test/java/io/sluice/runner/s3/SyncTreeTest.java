package io.sluice.runner.s3;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.errors.InvalidInputException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which object keys a download may write below its target directory. (S3Proxy's file store refuses
 * keys with ".." segments, so the embedded endpoint cannot serve them; the rule is checked here on
 * the relative keys a listing of real S3 can return.)
 */
class SyncTreeTest {

  @TempDir Path dir;

  @Test
  void keysBelowTheTargetAreHeld() {
    SyncTree.Directory target = new SyncTree.Directory(dir.resolve("a/target"));
    for (String key : new String[] {"x.txt", "sub/x.txt", "sub/../x.txt", "./x.txt", "a..b"}) {
      assertTrue(target.holds(key), key);
    }
  }

  @Test
  void keysThatClimbOutOrAreAbsoluteAreNot() {
    SyncTree.Directory target = new SyncTree.Directory(dir.resolve("a/target"));
    for (String key :
        new String[] {
          "../x.txt", "../../x.txt", "sub/../../x.txt", "/abs/x.txt", "..", "sub/..", ""
        }) {
      assertFalse(target.holds(key), key);
      assertThrows(InvalidInputException.class, () -> target.file(key), key);
    }
    // Relative target directories are compared as absolute paths.
    SyncTree.Directory relative = new SyncTree.Directory(Path.of("target-dir"));
    assertFalse(relative.holds("../../x"));
    assertTrue(relative.holds("x"));
  }
}
