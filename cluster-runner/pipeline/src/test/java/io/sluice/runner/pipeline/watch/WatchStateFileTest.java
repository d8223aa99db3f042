package io.sluice.runner.pipeline.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.errors.UserError;
import io.sluice.storage.s3.ObjectSummary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WatchStateFileTest {

  private static final Instant AT = Instant.parse("2026-12-02T10:00:00Z");

  @TempDir Path dir;

  private static ObjectSummary object(String key, String etag) {
    return new ObjectSummary("b", key, 3, AT, etag, null);
  }

  @Test
  void aMissingFileIsAFreshEmptyState() {
    WatchState state = new WatchStateFile(dir.resolve("none.json")).load("b", "in/");
    assertTrue(state.fresh());
    assertEquals(0, state.runs());
    assertEquals(1, state.nextAttempt(object("in/a", "e1"), 3));
  }

  @Test
  void savedStateReloadsWithEveryRecord() {
    WatchStateFile file = new WatchStateFile(dir.resolve("sub/state.json"));
    WatchState state = WatchState.empty("b", "in/");
    state.recordDone(object("in/a", "e1"), 1, state.startRun(), AT);
    state.recordFailed(object("in/b", "e2"), 2, state.startRun(), AT, "step 'copy' failed: boom");
    state.recordSkipped(object("in/c", "e3"), AT);
    file.save(state);

    WatchState again = file.load("b", "in/");
    assertFalse(again.fresh());
    assertEquals(2, again.runs());
    assertEquals(state.objects(), again.objects());
    assertEquals(
        new ObjectRecord(
            "e2", ObjectRecord.Status.FAILED, 2, 2, AT.toString(), "step 'copy' failed: boom"),
        again.objects().get("in/b"));
  }

  @Test
  void anObjectRunsOncePerEtagAndAgainWhenItChanges() {
    WatchStateFile file = new WatchStateFile(dir.resolve("state.json"));
    WatchState state = WatchState.empty("b", "");
    state.recordDone(object("a", "e1"), 1, state.startRun(), AT);
    file.save(state);
    WatchState again = file.load("b", "");
    assertEquals(0, again.nextAttempt(object("a", "e1"), 3), "done for this ETag");
    assertEquals(1, again.nextAttempt(object("a", "e2"), 3), "a new ETag is a new object");
  }

  @Test
  void aFailedObjectIsRetriedUpToTheLimitThenLeftUntilItChanges() {
    WatchState state = WatchState.empty("b", "");
    state.recordFailed(object("a", "e1"), 1, state.startRun(), AT, "boom");
    assertEquals(2, state.nextAttempt(object("a", "e1"), 2));
    state.recordFailed(object("a", "e1"), 2, state.startRun(), AT, "boom");
    assertEquals(0, state.nextAttempt(object("a", "e1"), 2));
    assertEquals(3, state.nextAttempt(object("a", "e1"), 5), "a higher limit allows more");
    assertEquals(1, state.nextAttempt(object("a", "e9"), 2));
  }

  @Test
  void withoutAnEtagSizeAndTimeStandIn() {
    ObjectSummary noEtag = new ObjectSummary("b", "a", 3, AT, null, null);
    WatchState state = WatchState.empty("b", "");
    state.recordDone(noEtag, 1, state.startRun(), AT);
    assertEquals(0, state.nextAttempt(noEtag, 3));
    assertEquals(1, state.nextAttempt(new ObjectSummary("b", "a", 4, AT, null, null), 3));
  }

  @Test
  void saveReplacesTheFileAtomicallyAndLeavesNoTemporaryFile() throws Exception {
    Path path = dir.resolve("state.json");
    WatchStateFile file = new WatchStateFile(path);
    WatchState state = WatchState.empty("b", "");
    file.save(state);
    state.recordDone(object("a", "e1"), 1, state.startRun(), AT);
    file.save(state);
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of(path), files.toList());
    }
    assertEquals(1, file.load("b", "").runs());
  }

  @Test
  void aSaveThatCannotReplaceTheFileFailsNamingItAndLeavesNoTemporaryFile() throws Exception {
    Path path = Files.createDirectories(dir.resolve("state.json"));
    Files.writeString(path.resolve("in-the-way"), "x");
    WatchStateException e =
        assertThrows(
            WatchStateException.class,
            () -> new WatchStateFile(path).save(WatchState.empty("b", "")));
    assertTrue(
        e.getMessage().startsWith("cannot write the watch state " + path + ": "), e.getMessage());
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of(path), files.toList());
    }
  }

  @Test
  void aCorruptFileIsOneLineNamingIt() throws Exception {
    for (String text :
        List.of(
            "{\"version\": 1, \"bucket\": \"b\", \"prefix\": \"\", \"runs\": 1, \"objects\": {",
            "[]",
            "{\"version\": 1, \"bucket\": \"b\", \"prefix\": \"\", \"runs\": 0, \"objects\": {},"
                + " \"extra\": 1}",
            "{\"version\": 1, \"bucket\": \"b\", \"prefix\": \"\", \"runs\": 0}",
            "{\"version\": 1, \"bucket\": \"b\", \"prefix\": \"\", \"runs\": 0, \"objects\":"
                + " {\"a\": {\"etag\": \"e\", \"status\": \"LOST\", \"attempts\": 1, \"run\": 1}}}",
            "{\"version\": 7, \"bucket\": \"b\", \"prefix\": \"\", \"runs\": 0, \"objects\": {}}",
            "")) {
      Path path = Files.writeString(dir.resolve("state.json"), text);
      WatchStateException e =
          assertThrows(WatchStateException.class, () -> new WatchStateFile(path).load("b", ""));
      assertTrue(
          e.getMessage().startsWith("the watch state " + path + " is not a sluice watch state ("),
          text + ": " + e.getMessage());
      assertEquals(1, e.getMessage().lines().count(), e.getMessage());
      assertFalse(e.getMessage().contains("Source"), e.getMessage());
      assertTrue(e instanceof UserError);
    }
  }

  @Test
  void aTruncatedFileNamesWhereItEnds() throws Exception {
    Path path = Files.writeString(dir.resolve("state.json"), "{\n  \"version\": 1,\n");
    WatchStateException e =
        assertThrows(WatchStateException.class, () -> new WatchStateFile(path).load("b", ""));
    assertTrue(
        e.getMessage().contains("(line 3, column 1: Unexpected end-of-input"), e.getMessage());
  }

  @Test
  void anotherPrefixsStateIsRefused() {
    WatchStateFile file = new WatchStateFile(dir.resolve("state.json"));
    file.save(WatchState.empty("b", "in/"));
    WatchStateException e = assertThrows(WatchStateException.class, () -> file.load("b", "out/"));
    assertTrue(e.getMessage().contains("is that of s3://b/in/, not s3://b/out/"), e.getMessage());
  }
}
